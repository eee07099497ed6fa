package dev.agentwarden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden agents list|get|set}: the agents and their config document ({@code /api/agents[/{agent}]}). */
@Command(name = "agents", mixinStandardHelpOptions = true, description = "List agents, show and replace their config.",
        subcommands = {AgentsCommand.ListAgents.class, AgentsCommand.Get.class, AgentsCommand.Set.class})
final class AgentsCommand extends Group {

    static final String AGENTS = "api/agents";

    static String agentPath(String agent) {
        return AGENTS + "/" + Api.path(agent);
    }

    /** The names of the controls a listed agent has on ({@code controls: {"mfa": true, ...}}), comma-separated. */
    static String controls(JsonNode agent) {
        List<String> on = new ArrayList<>();
        for (Map.Entry<String, JsonNode> control : agent.path("controls").properties()) {
            if (control.getValue().asBoolean(false)) {
                on.add(control.getKey());
            }
        }
        return String.join(",", on);
    }

    /** {@code agents list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the agents you may read.")
    static final class ListAgents extends Base {

        @Override
        int execute() {
            JsonNode agents = warden().api().get(AGENTS);
            if (json()) {
                printJson(agents);
                return 0;
            }
            Table table = new Table("NAME", "ROUTE", "ENABLED", "CONTROLS");
            for (JsonNode agent : agents) {
                table.row(Json.text(agent, "name"), Json.text(agent, "route"), Json.text(agent, "enabled"), controls(agent));
            }
            table.printOr(out(), "No agents.");
            return 0;
        }
    }

    /** {@code agents get <agent>}. */
    @Command(name = "get", mixinStandardHelpOptions = true,
            description = {"Show an agent: its route, functions and config document (--json: the server's answer)."})
    static final class Get extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Override
        int execute() {
            JsonNode shown = warden().api().get(agentPath(agent));
            if (json()) {
                printJson(shown);
                return 0;
            }
            out().println("Agent:    " + Json.text(shown, "name"));
            out().println("Route:    " + Json.text(shown, "route"));
            out().println("Enabled:  " + Json.text(shown, "enabled"));
            out().println("Version:  " + Json.text(shown, "version"));
            out().println("Updated:  " + Table.ago(Json.text(shown, "updated_at"), now(), "never"));
            Table functions = new Table("FUNCTION", "SECURE", "DESCRIPTION");
            shown.path("functions").forEach(f -> functions.row(Json.text(f, "name"), Json.text(f, "secure"),
                    Json.text(f, "description")));
            if (!functions.isEmpty()) {
                out().println();
                functions.print(out());
            }
            out().println();
            out().println("Config:");
            printJson(shown.path("config"));
            return 0;
        }
    }

    /** {@code agents set <agent> --file config.json [--force]}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Replace an agent's config document with a file's (or stdin's, with --file -).",
                "Sends If-Match with the version it reads first, so a change made meanwhile is refused (412),",
                "unless --force. An invalid document is refused with one `pointer: detail` line per error."})
    static final class Set extends Base {

        @Parameters(index = "0", paramLabel = "AGENT")
        String agent;

        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "The config document (JSON), or - for stdin.")
        String file;

        @Option(names = "--force", description = "Replace it whatever its current version (no If-Match).")
        boolean force;

        @Mixin
        MfaCode mfa;

        @Override
        int execute() {
            JsonNode document = document();
            JsonNode saved = withMfa(mfa, api -> {
                String etag = force ? null : api.read(agentPath(agent)).etag();
                return api.with("If-Match", etag).send("PUT", agentPath(agent), document);
            });
            return report(saved, "Updated the config of agent " + agent + " (version " + Json.text(saved, "version") + ").");
        }

        private JsonNode document() {
            byte[] bytes;
            try {
                bytes = "-".equals(file) ? readAll(warden().stdin()) : Files.readAllBytes(Path.of(file));
            } catch (NoSuchFileException e) {
                throw usage("no such file: " + file);
            } catch (IOException e) {
                throw usage("cannot read " + file + ": " + e.getMessage());
            }
            try {
                JsonNode document = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
                if (document == null || !document.isObject()) {
                    throw usage(("-".equals(file) ? "stdin" : file) + " does not hold a JSON object");
                }
                return document;
            } catch (JsonProcessingException e) {
                throw usage(("-".equals(file) ? "stdin" : file) + " is not JSON: " + e.getOriginalMessage());
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            return in.readAllBytes();
        }
    }
}
