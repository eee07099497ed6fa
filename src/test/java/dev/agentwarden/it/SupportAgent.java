package dev.agentwarden.it;

import dev.agentwarden.agent.AgentBase;
import dev.agentwarden.agent.AgentConfig;
import dev.agentwarden.agent.Param;
import dev.agentwarden.agent.SwaigFunction;
import dev.agentwarden.agent.SwaigFunctionResult;
import dev.agentwarden.agent.SwaigRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A second agent, added to test deployments: annotated tools, raw prompt text, its own route. */
@ApplicationScoped
public class SupportAgent extends AgentBase {

    private final AtomicInteger secureRuns = new AtomicInteger();

    public SupportAgent() {
        super(AgentConfig.named("support-agent").route("/support"));
        setPromptText("You are the support line.");
    }

    /** Answers a verified webhook with what it received, so tests see the agent's answer become the response. */
    @Override
    public Map<String, Object> onWebhook(dev.agentwarden.agent.WebhookEvent event) {
        return Map.of("received", event.json() == null ? "not json" : event.json(),
                "id", event.id() == null ? "none" : event.id());
    }

    @SwaigFunction(description = "Look up an order")
    SwaigFunctionResult lookupOrder(@Param(description = "Order number") long orderId,
            @Param(description = "Include items", required = false) Boolean withItems) {
        String items = Boolean.TRUE.equals(withItems) ? " (items)" : "";
        return new SwaigFunctionResult("Order " + orderId + " ships tomorrow" + items);
    }

    @SwaigFunction(description = "Echo the arguments and call")
    SwaigFunctionResult echo(Map<String, Object> args, SwaigRequest raw) {
        return new SwaigFunctionResult("args=" + new java.util.TreeMap<>(args) + " call=" + raw.callId());
    }

    @SwaigFunction(description = "A secure function that counts its runs", secure = true)
    SwaigFunctionResult recordEvent(@Param(description = "Event name") String event) {
        secureRuns.incrementAndGet();
        return new SwaigFunctionResult("Recorded " + event);
    }

    @SwaigFunction(description = "How many times the secure function ran")
    SwaigFunctionResult secureRuns() {
        return new SwaigFunctionResult(String.valueOf(secureRuns.get()));
    }
}
