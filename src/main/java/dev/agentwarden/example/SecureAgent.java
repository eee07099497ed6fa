package dev.agentwarden.example;

import dev.agentwarden.agent.AgentBase;
import dev.agentwarden.agent.AgentConfig;
import dev.agentwarden.agent.Param;
import dev.agentwarden.agent.SwaigFunction;
import dev.agentwarden.agent.Tool;
import dev.agentwarden.agent.SwaigFunctionResult;
import dev.agentwarden.agent.SwaigRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The seed's {@code SecureAgent} (API.md §3), served at {@code /} as {@code secure-agent}: a plain
 * {@code get_balance} limited to 10 calls a minute per caller, and the secure {@code transfer_funds},
 * {@code delete_account} and {@code change_password}. Switch it off with {@code WARDEN_EXAMPLE_AGENT=false}.
 */
@ApplicationScoped
public class SecureAgent extends AgentBase {

    private static final Logger LOG = Logger.getLogger(SecureAgent.class.getName());

    public SecureAgent() {
        super(AgentConfig.named("secure-agent").route("/"));
        promptAddSection("Role", "You are a banking assistant. Keep answers short and confirm amounts before moving money.",
                "Never read out full account numbers", "Ask before any destructive operation");
        setPostPrompt("Summarize the call as JSON.");
        addHints("SignalWire", "SWAIG");
        addLanguage("English", "en-US", "rime.spore");
        setParams(Map.of("end_of_speech_timeout", 500));
        setGlobalData(Map.of("company", "Acme Bank"));

        // Regular function - Basic Auth only
        defineTool(Tool.named("get_balance")
                .description("Get account balance")
                .parameters(Map.of("account", Map.of("type", "string", "description", "Account number")))
                .handler(this::getBalance)
                .rateLimit(10, Duration.ofMinutes(1)));

        // Secure function - Basic Auth + Token validation
        defineTool(Tool.named("transfer_funds")
                .description("Transfer funds between accounts")
                .parameters(Map.of(
                        "amount", Map.of("type", "number", "description", "Amount in dollars"),
                        "to_account", Map.of("type", "string", "description", "Destination account number")))
                .required("amount", "to_account")
                .handler(this::transferFunds)
                .secure(true));
    }

    @Override
    public boolean isEnabled() {
        return ConfigProvider.getConfig().getOptionalValue("WARDEN_EXAMPLE_AGENT", Boolean.class).orElse(true);
    }

    SwaigFunctionResult getBalance(Map<String, Object> args, SwaigRequest raw) {
        return new SwaigFunctionResult("Balance is $150.00");
    }

    SwaigFunctionResult transferFunds(Map<String, Object> args, SwaigRequest raw) {
        Object amount = args.get("amount");
        Object toAccount = args.get("to_account");
        // The seed's own checks, kept on top of the schema validation every function gets.
        if (!(amount instanceof Number number)) {
            return new SwaigFunctionResult("Invalid amount specified");
        }
        if (number.doubleValue() <= 0) {
            return new SwaigFunctionResult("Amount must be positive");
        }
        if (number.doubleValue() > 10_000) {
            return new SwaigFunctionResult("Transfers over $10,000 require additional verification");
        }
        if (!(toAccount instanceof String account) || account.length() != 10) {
            return new SwaigFunctionResult("Invalid account number");
        }
        LOG.info(() -> "Transfer initiated: call_id=" + raw.callId() + ", caller=" + raw.callerIdNum()
                + ", amount=" + amount + ", to=" + account);
        return new SwaigFunctionResult("Transferred $" + amount + " to account " + account);
    }

    @SwaigFunction(description = "Delete a customer account", secure = true)
    SwaigFunctionResult deleteAccount(@Param(description = "Account number to delete") String account) {
        if (account == null || account.length() != 10) {
            return new SwaigFunctionResult("Invalid account number");
        }
        return new SwaigFunctionResult("Account ending " + account.substring(6) + " is scheduled for deletion");
    }

    @SwaigFunction(description = "Change account password", secure = true)
    SwaigFunctionResult changePassword(@Param(description = "Account number") String account,
            @Param(name = "new_password", description = "The new password") String newPassword) {
        if (newPassword == null || newPassword.length() < 12) {
            return new SwaigFunctionResult("The new password must have at least 12 characters");
        }
        return new SwaigFunctionResult("Password changed");
    }
}
