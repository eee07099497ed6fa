package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden invoke <agent> --message TEXT [--session ID]}: one message to an agent ({@code POST …/invoke}). */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Send a message to an agent and print its reply.",
            "Pass --session to continue a conversation; with WARDEN_TOKEN set to an API key, this tries the key."})
final class InvokeCommand extends Base {

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "TEXT", description = "The message.")
    String message;

    @Option(names = "--session", paramLabel = "ID", description = "The session to continue.")
    String session;

    @Override
    int execute() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message);
        if (session != null) {
            body.put("session_id", session);
        }
        JsonNode reply = warden().api().send("POST", "api/agents/" + Api.path(agent) + "/invoke", body);
        if (json()) {
            printJson(reply);
        } else {
            out().println(Json.text(reply, "reply"));
            out().println("(session " + Json.text(reply, "session_id") + ")");
        }
        return 0;
    }
}
