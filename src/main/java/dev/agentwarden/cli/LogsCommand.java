package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden logs <agent> [--filter auth.failed] [--since 1h] [--follow]}: the agent's audit events. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show an agent's audit events, oldest first.",
            "--follow keeps printing new ones (polling every 2 s) until Ctrl-C."})
final class LogsCommand extends Base {

    private static final Pattern FILTER = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");
    private static final int FOLLOW_LIMIT = 1000;

    @Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Option(names = "--filter", paramLabel = "TYPE", description = "An event type or a prefix of one: auth, auth.failed.")
    String filter;

    @Option(names = "--since", paramLabel = "DURATION", description = "How far back, e.g. 1h (default: the server's, 30d).")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (1 to 1000; default 100).")
    Integer limit;

    @Option(names = {"-f", "--follow"}, description = "Keep polling for new events until interrupted.")
    boolean follow;

    @Override
    int execute() {
        if (filter != null && !FILTER.matcher(filter).matches()) {
            throw usage("--filter must be an event type or a prefix of one, such as auth or auth.failed: " + filter);
        }
        if (since != null && !KeysCommand.DURATION.matcher(since).matches()) {
            throw usage("--since must be a duration such as 30s, 5m, 1h or 30d: " + since);
        }
        if (limit != null && (limit < 1 || limit > FOLLOW_LIMIT)) {
            throw usage("--limit must be between 1 and " + FOLLOW_LIMIT);
        }
        Api api = warden().api();
        JsonNode events = fetch(api, since, limit == null ? null : limit.toString());
        if (!follow) {
            print(events);
            return 0;
        }
        follow(api, chronological(events));
        return 0;
    }

    private JsonNode fetch(Api api, String window, String max) {
        Map<String, String> query = new TreeMap<>();
        query.put("filter", filter);
        query.put("since", window);
        query.put("limit", max);
        return api.get(Api.query("api/agents/" + Api.path(agent) + "/audit", query));
    }

    private void print(JsonNode events) {
        if (json()) {
            printJson(events);
            return;
        }
        Table table = new Table("WHEN", "TYPE", "PEER", "PRINCIPAL", "DETAIL");
        for (JsonNode event : chronological(events)) {
            table.row(Table.ago(Json.text(event, "at"), now(), "-"), Json.text(event, "type"), Json.text(event, "peer"),
                    Json.text(event, "principal"), detail(event));
        }
        if (table.isEmpty()) {
            out().println("No events for agent " + agent + (filter == null ? "" : " matching " + filter) + ".");
        } else {
            table.print(out());
        }
    }

    /** Prints {@code first}, then polls for events with a greater id until interrupted (or {@code maxPolls}). */
    private void follow(Api api, List<JsonNode> first) {
        long lastId = Long.MIN_VALUE;
        Instant lastAt = now();
        for (JsonNode event : first) {
            printLine(event);
            lastId = Math.max(lastId, event.path("id").asLong());
            lastAt = time(event, lastAt);
        }
        for (long poll = 0; poll < warden().maxPolls; poll++) {
            try {
                Thread.sleep(warden().pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // the window reaches back past the newest event seen (a minute of margin for clock skew); ids dedupe
            long seconds = Math.max(1, Duration.between(lastAt, now()).getSeconds() + 60);
            for (JsonNode event : chronological(fetch(api, seconds + "s", Integer.toString(FOLLOW_LIMIT)))) {
                long id = event.path("id").asLong();
                if (id > lastId) {
                    printLine(event);
                    lastId = id;
                    lastAt = time(event, lastAt);
                }
            }
        }
    }

    private void printLine(JsonNode event) {
        if (json()) {
            out().println(Json.compact(event));
        } else {
            out().println(String.format("%-20s  %-22s  %-15s  %-12s  %s", Json.text(event, "at"), Json.text(event, "type"),
                    orDash(Json.text(event, "peer")), orDash(Json.text(event, "principal")), detail(event)));
        }
        out().flush();
    }

    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }

    private static Instant time(JsonNode event, Instant otherwise) {
        try {
            return Instant.parse(Json.text(event, "at"));
        } catch (DateTimeParseException | NullPointerException e) {
            return otherwise;
        }
    }

    private static String detail(JsonNode event) {
        JsonNode detail = event.get("detail");
        if (detail == null || detail.isNull() || detail.isEmpty() && !detail.isTextual()) {
            return "";
        }
        return detail.isTextual() ? detail.asText() : Json.compact(detail);
    }

    /** The server answers newest first; logs read oldest first. */
    private static List<JsonNode> chronological(JsonNode events) {
        List<JsonNode> list = new ArrayList<>();
        events.forEach(e -> list.add(0, e));
        return list;
    }
}
