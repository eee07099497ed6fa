package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden sessions create|show|end <agent>}: an agent's conversation sessions. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "Create, show and end an agent's sessions.",
        subcommands = {SessionsCommand.Create.class, SessionsCommand.Show.class, SessionsCommand.End.class})
final class SessionsCommand extends Group {

    static String sessions(String agent) {
        return "api/agents/" + Api.path(agent) + "/sessions";
    }

    /** {@code sessions create <agent> [--user-id U]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Start a session.")
    static final class Create extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = "--user-id", paramLabel = "ID", description = "Whose session it is (default: the caller).")
        String userId;

        @Override
        int execute() {
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (userId != null) {
                body.put("user_id", userId);
            }
            JsonNode created = warden().api().send("POST", sessions(agent), body);
            if (json()) {
                printJson(created);
            } else {
                String user = Json.text(created, "user_id");
                out().println("Session " + Json.text(created, "id") + " started" + (user == null ? "" : " for " + user) + ".");
            }
            return 0;
        }
    }

    /** {@code sessions show <agent> <id>}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a session's messages (owner or admin).")
    static final class Show extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Parameters(index = "1", paramLabel = "ID")
        String id;

        @Override
        int execute() {
            JsonNode turns = warden().api().get(sessions(agent) + "/" + Api.path(id));
            if (json()) {
                printJson(turns);
                return 0;
            }
            Table table = new Table("WHEN", "ROLE", "CONTENT");
            for (JsonNode turn : turns) {
                table.row(Table.ago(Json.text(turn, "at"), now(), "-"), Json.text(turn, "role"), Json.text(turn, "content"));
            }
            table.printOr(out(), "No messages in session " + id + ".");
            return 0;
        }
    }

    /** {@code sessions end <agent> <id>}. */
    @Command(name = "end", mixinStandardHelpOptions = true, description = "End a session.")
    static final class End extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Parameters(index = "1", paramLabel = "ID")
        String id;

        @Override
        int execute() {
            warden().api().delete(sessions(agent) + "/" + Api.path(id));
            return report(Json.MAPPER.createObjectNode().put("id", id).put("ended", true), "Ended session " + id + ".");
        }
    }
}
