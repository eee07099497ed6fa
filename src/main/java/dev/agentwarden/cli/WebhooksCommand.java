package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden webhooks secret <agent>}: the secret that signs webhooks into an agent ({@code …/webhook/secret}). */
@Command(name = "webhooks", mixinStandardHelpOptions = true, description = "An agent's incoming webhooks.",
        subcommands = WebhooksCommand.Secret.class)
final class WebhooksCommand extends Group {

    /** The seed's lines for a secret shown once. */
    static void printSecret(Base command, String label, String secret) {
        command.out().println(label + ": " + secret);
        command.out().println("Keep this secret secure!");
    }

    /** {@code webhooks secret <agent> [--grace 24h]}. */
    @Command(name = "secret", mixinStandardHelpOptions = true,
            description = {"Make a new webhook secret (printed once); the previous one keeps verifying for the grace."})
    static final class Secret extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = "--grace", paramLabel = "DURATION",
                description = "How long the previous secret keeps verifying (server default 24h).")
        String grace;

        @Override
        int execute() {
            if (grace != null && !KeysCommand.DURATION.matcher(grace).matches()) {
                throw usage("--grace must be a duration such as 30s, 5m, 24h or 90d: " + grace);
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (grace != null) {
                body.put("grace", grace);
            }
            JsonNode issued = warden().api().send("POST", AgentsCommand.agentPath(agent) + "/webhook/secret", body);
            if (json()) {
                printJson(issued);
            } else {
                printSecret(this, "Webhook secret", Json.text(issued, "secret"));
            }
            return 0;
        }
    }
}
