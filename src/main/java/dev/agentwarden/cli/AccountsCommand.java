package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden accounts create|credentials}: service accounts ({@code /api/service-accounts}). */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Create service accounts and their client credentials.",
        subcommands = {AccountsCommand.Create.class, AccountsCommand.Credentials.class})
final class AccountsCommand extends Group {

    static final String ACCOUNTS = "api/service-accounts";

    /** The kinds of account there are. */
    enum Type { service }

    /** {@code accounts create <name> --type service --permissions read,write [--agents a,b]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a service account.")
    static final class Create extends Base {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "service",
                description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Type type;

        @Option(names = "--permissions", required = true, split = ",", paramLabel = "PERMISSION",
                description = "Comma-separated, e.g. read,write.")
        List<String> permissions;

        @Option(names = "--agents", split = ",", paramLabel = "AGENT", description = "Only these agents (default: all).")
        List<String> agents;

        @Override
        int execute() {
            ObjectNode body = Json.MAPPER.createObjectNode().put("name", name);
            body.set("permissions", UsersCommand.array(permissions));
            if (agents != null) {
                body.set("agents", UsersCommand.array(agents));
            }
            JsonNode account = warden().api().send("POST", ACCOUNTS, body);
            return report(account, "Created service account " + name + " with permissions " + String.join(",", permissions)
                    + (agents == null ? "" : " on " + String.join(",", agents)) + ".");
        }
    }

    /** {@code accounts credentials <name>}. */
    @Command(name = "credentials", mixinStandardHelpOptions = true,
            description = "Issue a client id and secret (printed once) for the client_credentials grant.")
    static final class Credentials extends Base {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        int execute() {
            JsonNode issued = warden().api().send("POST", ACCOUNTS + "/" + Api.path(name) + "/credentials",
                    Json.MAPPER.createObjectNode());
            if (json()) {
                printJson(issued);
            } else {
                out().println("Client ID: " + Json.text(issued, "client_id"));
                WebhooksCommand.printSecret(this, "Client Secret", Json.text(issued, "client_secret"));
            }
            return 0;
        }
    }
}
