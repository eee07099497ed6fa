package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code alerts}, {@code webhooks secret} and {@code accounts} against a fake server. */
class AlertsCommandTest extends ServerTestBase {

    private static final String SECRET = "whsec_" + "Q".repeat(43);

    @Test
    void alertsCreateWithAWebhookPrintsTheSecretOnce() {
        loggedIn();
        server.json("POST", "/api/alerts", 201, "{\"id\":\"al_1\",\"agent\":\"my-agent\",\"metric\":\"failed-auth\","
                + "\"threshold\":10,\"window\":\"5m\",\"webhook_url\":\"https://hooks.example.com/a\",\"created_at\":"
                + "\"2026-12-03T07:00:00Z\",\"secret\":\"" + SECRET + "\"}");
        Cli.Result result = cli.run("alerts", "create", "--agent", "my-agent", "--metric", "failed-auth", "--threshold", "10",
                "--window", "5m", "--webhook-url", "https://hooks.example.com/a");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Alert al_1 created\nWebhook secret: " + SECRET + "\nKeep this secret secure!\n", result.out());
        assertEquals("POST /api/alerts", server.seen().get(0).line());
        assertEquals("{\"agent\":\"my-agent\",\"metric\":\"failed-auth\",\"threshold\":10,\"window\":\"5m\","
                + "\"webhook_url\":\"https://hooks.example.com/a\"}", server.seen().get(0).body());
    }

    @Test
    void alertsCreateWithoutAWebhookHasNoSecret() {
        loggedIn();
        server.json("POST", "/api/alerts", 201, "{\"id\":\"al_2\",\"agent\":\"a\",\"metric\":\"ip-denied\",\"threshold\":3,"
                + "\"window\":\"1h\"}");
        Cli.Result result = cli.run("alerts", "create", "--agent", "a", "--metric", "ip-denied", "--threshold", "3",
                "--window", "1h");
        assertEquals("Alert al_2 created\n", result.out());
        assertEquals("{\"agent\":\"a\",\"metric\":\"ip-denied\",\"threshold\":3,\"window\":\"1h\"}",
                server.seen().get(0).body());
    }

    @Test
    void alertsCreateRefusedExits1() {
        loggedIn();
        server.problem("POST", "/api/alerts", 400, "validation_failed", "webhook_url must not be a private address");
        Cli.Result result = cli.run("alerts", "create", "--agent", "a", "--metric", "rate-limited", "--threshold", "3",
                "--window", "1h", "--webhook-url", "https://10.0.0.1/x");
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: webhook_url must not be a private address (validation_failed)\n", result.err());
    }

    @Test
    void alertsUsageErrorsExit2() {
        loggedIn();
        String[][] wrong = {
            {"alerts", "create", "--agent", "a", "--metric", "cpu", "--threshold", "1", "--window", "5m"},
            {"alerts", "create", "--agent", "a", "--metric", "failed-auth", "--threshold", "0", "--window", "5m"},
            {"alerts", "create", "--agent", "a", "--metric", "failed-auth", "--threshold", "1", "--window", "soon"},
            {"alerts", "create", "--agent", "a", "--metric", "failed-auth", "--threshold", "1", "--window", "5m",
                "--webhook-url", "ftp://x.example"},
            {"alerts", "create", "--metric", "failed-auth", "--threshold", "1", "--window", "5m"},
            {"alerts", "delete"},
        };
        for (String[] args : wrong) {
            assertEquals(2, cli.run(args).exit(), String.join(" ", args));
        }
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void alertsListIsATableAndFiltersByAgent() {
        loggedIn();
        server.json("GET", "/api/alerts?agent=my-agent", 200, "[{\"id\":\"al_1\",\"agent\":\"my-agent\",\"metric\":"
                + "\"failed-auth\",\"threshold\":10,\"window\":\"5m\",\"webhook_url\":\"https://h.example/a\"},"
                + "{\"id\":\"al_2\",\"agent\":\"my-agent\",\"metric\":\"ip-denied\",\"threshold\":3,\"window\":\"1h\"}]");
        Cli.Result result = cli.run("alerts", "list", "--agent", "my-agent");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("ID    AGENT     METRIC       THRESHOLD  WINDOW  WEBHOOK\n"
                + "al_1  my-agent  failed-auth  10         5m      https://h.example/a\n"
                + "al_2  my-agent  ip-denied    3          1h      -\n", result.out());
        server.json("GET", "/api/alerts", 200, "[]");
        assertEquals("No alerts.\n", cli.run("alerts", "list").out());
        assertEquals("GET /api/alerts", server.seen().get(1).line());
    }

    @Test
    void alertsDeleteSendsTheId() {
        loggedIn();
        server.answer("DELETE", "/api/alerts/al_1", new FakeServer.Answer(204, "text/plain", ""));
        Cli.Result result = cli.run("alerts", "delete", "al_1");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Deleted alert al_1.\n", result.out());
        assertEquals("DELETE /api/alerts/al_1", server.seen().get(0).line());
        assertEquals(1, cli.run("alerts", "delete", "al_9").exit(), "the fake server's 404");
    }

    @Test
    void webhookSecretIsPrintedOnce() {
        loggedIn();
        server.json("POST", "/api/agents/my-agent/webhook/secret", 201, "{\"secret\":\"" + SECRET + "\"}");
        Cli.Result result = cli.run("webhooks", "secret", "my-agent", "--grace", "24h");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Webhook secret: " + SECRET + "\nKeep this secret secure!\n", result.out());
        assertEquals("{\"grace\":\"24h\"}", server.seen().get(0).body());
        assertEquals(2, cli.run("webhooks", "secret", "my-agent", "--grace", "a day").exit());
        assertEquals(1, server.seen().size());
    }

    @Test
    void accountsCreateSendsNamePermissionsAndAgents() {
        loggedIn();
        server.json("POST", "/api/service-accounts", 201, "{\"name\":\"my-service\",\"permissions\":[\"read\",\"write\"]}");
        Cli.Result result = cli.run("accounts", "create", "my-service", "--type", "service", "--permissions", "read,write",
                "--agents", "a,b");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Created service account my-service with permissions read,write on a,b.\n", result.out());
        assertEquals("POST /api/service-accounts", server.seen().get(0).line());
        assertEquals("{\"name\":\"my-service\",\"permissions\":[\"read\",\"write\"],\"agents\":[\"a\",\"b\"]}",
                server.seen().get(0).body());
        assertEquals(2, cli.run("accounts", "create", "x", "--type", "human", "--permissions", "read").exit());
        assertEquals(2, cli.run("accounts", "create", "x").exit(), "--permissions is required");
    }

    @Test
    void accountsCredentialsPrintsTheSecretOnce() {
        loggedIn();
        server.json("POST", "/api/service-accounts/my-service/credentials", 201,
                "{\"client_id\":\"sa_abc\",\"client_secret\":\"cs_secret\"}");
        Cli.Result result = cli.run("accounts", "credentials", "my-service");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Client ID: sa_abc\nClient Secret: cs_secret\nKeep this secret secure!\n", result.out());
        server.problem("POST", "/api/service-accounts/nobody/credentials", 404, "not_found", "No such service account");
        Cli.Result refused = cli.run("accounts", "credentials", "nobody");
        assertEquals(1, refused.exit());
        assertEquals("Error: No such service account (not_found)\n", refused.err());
    }
}
