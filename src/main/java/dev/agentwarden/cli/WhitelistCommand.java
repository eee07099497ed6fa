package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden security whitelist add|remove|list}: an agent's IP whitelist ({@code …/security/whitelist}). */
@Command(name = "whitelist", mixinStandardHelpOptions = true,
        description = "Add, remove and list the addresses (or CIDR blocks) allowed to reach an agent.",
        subcommands = {WhitelistCommand.Add.class, WhitelistCommand.Remove.class, WhitelistCommand.ListAddresses.class})
final class WhitelistCommand extends Group {

    static String whitelist(String agent) {
        return AgentsCommand.agentPath(agent) + "/security/whitelist";
    }

    /** What add and remove share: {@code <agent> --ip X [--mfa-code C]}. */
    abstract static class OneAddress extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = "--ip", required = true, paramLabel = "ADDRESS", description = "e.g. 203.0.113.50 or 203.0.113.0/24")
        String ip;

        @Mixin
        MfaCode mfa;
    }

    /** {@code security whitelist add <agent> --ip X}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Allow an address or CIDR block (idempotent).")
    static final class Add extends OneAddress {

        @Override
        int execute() {
            JsonNode after = withMfa(mfa, api -> api.send("POST", whitelist(agent),
                    Json.MAPPER.createObjectNode().put("ip", ip)));
            return report(after, "Added " + ip + " to the whitelist of agent " + agent + ".");
        }
    }

    /** {@code security whitelist remove <agent> --ip X}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an address or CIDR block.")
    static final class Remove extends OneAddress {

        @Override
        int execute() {
            withMfa(mfa, api -> api.delete(Api.query(whitelist(agent), Map.of("ip", ip))));
            return report(Json.MAPPER.createObjectNode().put("agent", agent).put("ip", ip).put("removed", true),
                    "Removed " + ip + " from the whitelist of agent " + agent + ".");
        }
    }

    /** {@code security whitelist list <agent>}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the whitelist and whether it is on.")
    static final class ListAddresses extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Override
        int execute() {
            JsonNode whitelist = warden().api().get(whitelist(agent));
            if (json()) {
                printJson(whitelist);
                return 0;
            }
            boolean enabled = whitelist.path("enabled").asBoolean(false);
            out().println("IP whitelist of agent " + agent + ": " + (enabled ? "on" : "off") + ".");
            if (whitelist.path("addresses").isEmpty()) {
                out().println("No addresses.");
            }
            whitelist.path("addresses").forEach(address -> out().println(address.asText()));
            return 0;
        }
    }
}
