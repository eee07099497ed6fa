package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code warden alerts create|list|delete}: thresholds on an agent's security events ({@code /api/alerts}). */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Create, list and delete security alerts.",
        subcommands = {AlertsCommand.Create.class, AlertsCommand.ListAlerts.class, AlertsCommand.Delete.class})
final class AlertsCommand extends Group {

    static final String ALERTS = "api/alerts";
    /** What an alert can count. */
    static final List<String> METRICS = List.of("failed-auth", "rate-limited", "ip-denied");

    /** {@code alerts create --agent A --metric failed-auth --threshold 10 --window 5m [--webhook-url URL]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Alert when an agent's metric reaches a threshold within a window.",
                "With --webhook-url, the signing secret of its webhooks is printed once."})
    static final class Create extends Base {

        @Option(names = "--agent", required = true, paramLabel = "AGENT")
        String agent;

        @Option(names = "--metric", required = true, paramLabel = "METRIC",
                description = "failed-auth, rate-limited or ip-denied.")
        String metric;

        @Option(names = "--threshold", required = true, paramLabel = "N", description = "How many events.")
        int threshold;

        @Option(names = "--window", required = true, paramLabel = "DURATION", description = "Within how long, e.g. 5m.")
        String window;

        @Option(names = "--webhook-url", paramLabel = "URL", description = "Where to POST the alert (https).")
        String webhookUrl;

        @Override
        int execute() {
            check();
            ObjectNode body = Json.MAPPER.createObjectNode().put("agent", agent).put("metric", metric)
                    .put("threshold", threshold).put("window", window);
            if (webhookUrl != null) {
                body.put("webhook_url", webhookUrl);
            }
            JsonNode alert = warden().api().send("POST", ALERTS, body);
            if (json()) {
                printJson(alert);
                return 0;
            }
            out().println("Alert " + Json.text(alert, "id") + " created");
            String secret = Json.text(alert, "secret");
            if (secret != null) {
                WebhooksCommand.printSecret(this, "Webhook secret", secret);
            }
            return 0;
        }

        private void check() {
            if (!METRICS.contains(metric)) {
                throw usage("--metric takes " + String.join(", ", METRICS) + ": not " + metric);
            }
            if (threshold < 1) {
                throw usage("--threshold must be 1 or more");
            }
            if (!KeysCommand.DURATION.matcher(window).matches()) {
                throw usage("--window must be a duration such as 30s, 5m or 1h: " + window);
            }
            if (webhookUrl != null) {
                URI url;
                try {
                    url = URI.create(webhookUrl);
                } catch (IllegalArgumentException e) {
                    throw usage("--webhook-url is not a URL: " + webhookUrl);
                }
                if (url.getScheme() == null || !url.getScheme().matches("(?i)https?") || url.getHost() == null) {
                    throw usage("--webhook-url must be an https:// URL: " + webhookUrl);
                }
            }
        }
    }

    /** {@code alerts list [--agent A]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the alerts (never their secret).")
    static final class ListAlerts extends Base {

        @Option(names = "--agent", paramLabel = "AGENT", description = "Only this agent's alerts.")
        String agent;

        @Override
        int execute() {
            JsonNode alerts = warden().api().get(agent == null ? ALERTS : Api.query(ALERTS, Map.of("agent", agent)));
            if (json()) {
                printJson(alerts);
                return 0;
            }
            Table table = new Table("ID", "AGENT", "METRIC", "THRESHOLD", "WINDOW", "WEBHOOK");
            for (JsonNode alert : alerts) {
                table.row(Json.text(alert, "id"), Json.text(alert, "agent"), Json.text(alert, "metric"),
                        Json.text(alert, "threshold"), Json.text(alert, "window"), Json.text(alert, "webhook_url"));
            }
            table.printOr(out(), "No alerts.");
            return 0;
        }
    }

    /** {@code alerts delete <id>}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an alert.")
    static final class Delete extends Base {

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int execute() {
            warden().api().delete(ALERTS + "/" + Api.path(id));
            return report(Json.MAPPER.createObjectNode().put("id", id).put("deleted", true), "Deleted alert " + id + ".");
        }
    }
}
