package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The commands against a fake server: what they send, print and exit with. */
class CommandsTest extends ServerTestBase {

    private static final String KEY = "sk_live_" + "A".repeat(32) + "abc123";
    private static final String KEYS = "/api/agents/my-agent/keys";
    private static final String LISTED = "[{\"id\":\"k1\",\"name\":\"production\",\"prefix\":\"sk_live_AAAA\","
            + "\"environment\":\"live\",\"created_at\":\"2020-01-01T00:00:00Z\",\"last_used_at\":null,"
            + "\"expires_at\":null,\"status\":\"active\"}]";

    @Test
    void loginStoresTheTokenNeverThePassword() throws IOException {
        server.json("POST", "/api/auth/token", 200, "{\"access_token\":\"jwt-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        Cli.Result result = cli.stdin("s3cret-password\n").run("login", "--url", server.url(), "--user", "admin");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("Logged in to " + server.url() + "/ as admin (profile default)"), result.out());
        assertEquals("grant_type=password&username=admin&password=s3cret-password", server.seen().get(0).body());
        String file = Files.readString(config.resolve("credentials"));
        assertTrue(file.contains("jwt-1"));
        assertFalse(file.contains("s3cret"));
        assertFalse(result.out().contains("jwt-1") || result.err().contains("jwt-1"));
    }

    @Test
    void loginWithAWrongPasswordExits1WithTheProblem() {
        server.problem("POST", "/api/auth/token", 401, "invalid_credentials", "The credentials are not valid");
        Cli.Result result = cli.stdin("wrong\n").run("login", "--url", server.url(), "--user", "admin");
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: The credentials are not valid (invalid_credentials)\n", result.err());
        assertFalse(Files.exists(config.resolve("credentials")));
    }

    @Test
    void loginWithoutAPasswordIsAUsageError() {
        Cli.Result result = cli.run("login", "--url", server.url(), "--user", "admin");
        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().contains("no password given"), result.err());
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void loginInAProfileLeavesTheOthers() {
        loggedIn();
        server.json("POST", "/api/auth/token", 200, "{\"access_token\":\"jwt-prod\",\"expires_in\":60}");
        assertEquals(0, cli.stdin("pw\n").run("login", "--url", server.url(), "--user", "a", "--profile", "prod").exit());
        assertEquals("file-token", new Profiles(config).get("default").token());
        assertEquals("jwt-prod", new Profiles(config).get("prod").token());
        server.json("GET", KEYS, 200, "[]");
        cli.run("keys", "list", "my-agent", "--profile", "prod");
        assertEquals("Bearer jwt-prod", server.seen().get(1).authorization());
    }

    @Test
    void logoutForgetsTheProfile() {
        loggedIn();
        Cli.Result result = cli.run("logout");
        assertEquals(0, result.exit());
        assertEquals("Logged out of " + server.url() + "/ (profile default).\n", result.out());
        assertEquals(2, cli.run("keys", "list", "my-agent").exit());
    }

    @Test
    void notLoggedInExits2AndSaysHowToLogIn() {
        Cli.Result result = cli.run("keys", "list", "my-agent");
        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("Error: not logged in (profile default): run `warden login"), result.err());
    }

    @Test
    void wardenUrlAndTokenWinOverTheFile() {
        loggedIn();
        server.json("GET", KEYS, 200, "[]");
        cli.env("WARDEN_URL", server.url()).env("WARDEN_TOKEN", "env-token").run("keys", "list", "my-agent");
        assertEquals("Bearer env-token", server.seen().get(0).authorization());
    }

    @Test
    void wardenTokenAloneUsesTheProfilesUrl() {
        loggedIn();
        server.json("GET", KEYS, 200, "[]");
        assertEquals(0, cli.env("WARDEN_TOKEN", "env-token").run("keys", "list", "my-agent").exit());
        assertEquals("Bearer env-token", server.seen().get(0).authorization());
    }

    @Test
    void wardenTokenWithoutAnyUrlIsAUsageError() {
        Cli.Result result = cli.env("WARDEN_TOKEN", "env-token").run("keys", "list", "my-agent");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("WARDEN_URL"), result.err());
    }

    @Test
    void aFileTokenIsNeverSentToAnotherWardenUrl() {
        loggedIn();
        Cli.Result result = cli.env("WARDEN_URL", "https://elsewhere.example").run("keys", "list", "my-agent");
        assertEquals(2, result.exit());
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void keysCreatePrintsTheKeyOnceAsTheSeed() throws IOException {
        loggedIn();
        server.json("POST", KEYS, 201, "{\"id\":\"k1\",\"key\":\"" + KEY + "\",\"prefix\":\"sk_live_AAAA\"}");
        Cli.Result result = cli.run("keys", "create", "my-agent", "--name", "production", "--length", "64", "--env", "test",
                "--expires", "90d");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("API Key: " + KEY + "\nKeep this key secure!\n", result.out());
        assertEquals("{\"name\":\"production\",\"length\":64,\"environment\":\"test\",\"expires_in\":\"90d\"}",
                server.seen().get(0).body());
        assertFalse(Files.readString(config.resolve("credentials")).contains(KEY), "never stored");
    }

    @Test
    void keysListIsATableWithRelativeTimes() {
        loggedIn();
        server.json("GET", KEYS, 200, LISTED);
        Cli.Result result = cli.run("keys", "list", "my-agent");
        assertEquals(0, result.exit(), result.toString());
        String[] lines = result.out().split("\n");
        assertTrue(lines[0].startsWith("ID  NAME        PREFIX        ENV   STATUS  CREATED"), lines[0]);
        assertTrue(lines[1].startsWith("k1  production  sk_live_AAAA  live  active  "), lines[1]);
        assertTrue(lines[1].matches(".*active  \\d+ years ago  never {6}never"), lines[1]);
    }

    @Test
    void keysListJsonIsTheServersAnswer() {
        loggedIn();
        server.json("GET", KEYS, 200, LISTED);
        Cli.Result result = cli.run("--json", "keys", "list", "my-agent");
        assertEquals(0, result.exit());
        assertTrue(result.out().trim().startsWith("[") && result.out().contains("\"prefix\" : \"sk_live_AAAA\""));
    }

    @Test
    void aWholeKeyInKeyIsRefusedBeforeAnythingIsSent() {
        loggedIn();
        for (String command : new String[] {"rotate", "revoke"}) {
            Cli.Result result = cli.run("keys", command, "my-agent", "--key", KEY);
            assertEquals(2, result.exit(), result.toString());
            assertTrue(result.err().contains("not the whole key"), result.err());
            assertFalse(result.err().contains(KEY.substring(12)), "the secret is not echoed");
        }
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void revokeByPrefixSendsTheId() {
        loggedIn();
        server.json("GET", KEYS, 200, LISTED).answer("DELETE", KEYS + "/k1", new FakeServer.Answer(204, "text/plain", ""));
        Cli.Result result = cli.run("keys", "revoke", "my-agent", "--key", "sk_live_AAAA");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Revoked key k1 of agent my-agent.\n", result.out());
        assertEquals("DELETE " + KEYS + "/k1", server.seen().get(1).method() + " " + server.seen().get(1).uri());
    }

    @Test
    void rotateByIdWithGracePrintsTheNewKey() {
        loggedIn();
        server.json("GET", KEYS, 200, LISTED).json("POST", KEYS + "/k1/rotate", 201, "{\"id\":\"k2\",\"key\":\"" + KEY + "\"}");
        Cli.Result result = cli.run("keys", "rotate", "my-agent", "--key", "k1", "--grace", "24h");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("API Key: " + KEY + "\nKeep this key secure!\n"), result.out());
        assertEquals("{\"grace\":\"24h\"}", server.seen().get(1).body());
    }

    @Test
    void aProblemExits1WithDetailAndCode() {
        loggedIn();
        server.problem("GET", "/api/agents/nobody/keys", 404, "not_found", "No such agent");
        Cli.Result result = cli.run("keys", "list", "nobody");
        assertEquals(1, result.exit());
        assertEquals("Error: No such agent (not_found)\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void anAnswerThatIsNotAProblemExits1WithTheStatus() {
        loggedIn();
        server.answer("GET", KEYS, new FakeServer.Answer(502, "text/html", "<html>bad gateway</html>"));
        Cli.Result result = cli.run("keys", "list", "my-agent");
        assertEquals(1, result.exit());
        assertEquals("Error: the server answered HTTP 502\n", result.err());
    }

    @Test
    void anUnreachableServerExits3() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        new Profiles(config).put("default", new Profiles.Entry("http://127.0.0.1:" + port + "/", "t"));
        Cli.Result result = cli.run("keys", "list", "my-agent");
        assertEquals(3, result.exit(), result.toString());
        assertTrue(result.err().startsWith("Error: cannot reach the server at http://127.0.0.1:" + port), result.err());
    }

    @Test
    void auditExportStreamsToTheFile() throws IOException {
        loggedIn();
        String csv = "id,type,agent,at,peer,principal,detail\r\n" + "1,auth.failed,my-agent,x,p,q,{}\r\n".repeat(5000);
        server.answer("GET", "/api/agents/my-agent/audit/export?period=7d&format=csv",
                new FakeServer.Answer(200, "text/csv", csv));
        Path file = config.resolve("audit.csv");
        Cli.Result result = cli.run("audit", "export", "my-agent", "--period", "7d", "--format", "csv", "-o", file.toString());
        assertEquals(0, result.exit(), result.toString());
        assertEquals(csv, Files.readString(file));
        assertFalse(Files.exists(config.resolve("audit.csv.part")));
        assertTrue(result.out().startsWith("Exported "), result.out());
        assertEquals("", result.err(), "no progress line when stderr is not a terminal");
    }

    @Test
    void auditExportRefusedWritesNoFile() {
        loggedIn();
        server.problem("GET", "/api/agents/my-agent/audit/export?period=30d&format=ndjson", 403, "forbidden", "No");
        Path file = config.resolve("audit.ndjson");
        Cli.Result result = cli.run("audit", "export", "my-agent", "-o", file.toString());
        assertEquals(1, result.exit());
        assertEquals("Error: No (forbidden)\n", result.err());
        assertFalse(Files.exists(file));
    }

    @Test
    void logsAreOldestFirstWithTheFilter() {
        loggedIn();
        String now = Instant.now().toString();
        server.json("GET", "/api/agents/my-agent/audit?filter=auth.failed&since=1h", 200,
                "[{\"id\":2,\"type\":\"auth.failed\",\"at\":\"" + now + "\",\"peer\":\"203.0.113.7\",\"principal\":null,"
                + "\"detail\":{\"reason\":\"invalid_credentials\"}},{\"id\":1,\"type\":\"auth.failed\",\"at\":\"" + now
                + "\",\"peer\":\"10.0.0.1\",\"principal\":null,\"detail\":{}}]");
        Cli.Result result = cli.run("logs", "my-agent", "--filter", "auth.failed", "--since", "1h");
        assertEquals(0, result.exit(), result.toString());
        String[] lines = result.out().split("\n");
        assertTrue(lines[0].startsWith("WHEN") && lines[1].contains("10.0.0.1") && lines[2].contains("203.0.113.7"),
                result.out());
        assertTrue(lines[2].endsWith("{\"reason\":\"invalid_credentials\"}"), lines[2]);
    }

    @Test
    void logsFollowPrintsOnlyNewEvents() {
        loggedIn();
        String at = Instant.now().toString();
        server.json("GET", "/api/agents/my-agent/audit", 200, "[{\"id\":1,\"type\":\"key.created\",\"at\":\"" + at + "\"}]");
        server.json("GET", "/api/agents/my-agent/audit?limit=1000&since=60s", 200,
                "[{\"id\":2,\"type\":\"key.revoked\",\"at\":\"" + at + "\"},{\"id\":1,\"type\":\"key.created\",\"at\":\""
                + at + "\"}]");
        server.json("GET", "/api/agents/my-agent/audit?limit=1000&since=61s", 200, "[]");
        Cli.Result result = cli.polls(2).run("--json", "logs", "my-agent", "--follow");
        assertEquals(0, result.exit(), result.toString());
        String[] lines = result.out().split("\n");
        assertEquals(2, lines.length, result.out());
        assertTrue(lines[0].contains("key.created") && lines[1].contains("key.revoked"), result.out());
    }

    @Test
    void usersCreateReadsThePasswordFromStdin() {
        loggedIn();
        server.json("POST", "/api/users", 201, "{\"username\":\"dev1\",\"roles\":[\"developer\"],\"kind\":\"user\"}");
        Cli.Result result = cli.stdin("a-long-password-1\n").run("users", "create", "dev1", "--roles", "developer");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Created user dev1 with roles developer.\n", result.out());
        assertEquals("{\"username\":\"dev1\",\"password\":\"a-long-password-1\",\"roles\":[\"developer\"]}",
                server.seen().get(0).body());
    }

    @Test
    void usersRolesAndList() {
        loggedIn();
        server.json("PUT", "/api/users/dev1/roles", 200, "{\"username\":\"dev1\",\"roles\":[\"viewer\"]}");
        server.json("GET", "/api/users", 200, "[{\"username\":\"admin\",\"roles\":[\"admin\"],\"kind\":\"user\","
                + "\"created_at\":\"" + Instant.now() + "\"}]");
        assertEquals("User dev1 now has roles viewer.\n", cli.run("users", "roles", "dev1", "--roles", "viewer").out());
        Cli.Result list = cli.run("users", "list");
        assertTrue(list.out().startsWith("USERNAME  ROLES  KIND  CREATED\nadmin     admin  user  just now"), list.out());
    }

    @Test
    void auditExportShowsProgressOnlyWhenStderrIsATerminal() throws IOException {
        loggedIn();
        String ndjson = "{\"id\":1,\"type\":\"auth.failed\"}\n".repeat(40_000);
        server.answer("GET", "/api/agents/my-agent/audit/export?period=30d&format=ndjson",
                new FakeServer.Answer(200, "application/x-ndjson", ndjson));
        Path file = config.resolve("audit.ndjson");
        Cli.Result result = cli.terminal(true).run("audit", "export", "my-agent", "-o", file.toString());
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.err().startsWith("\rExporting... ") && result.err().endsWith(", done.\n"), result.err());
        assertEquals(ndjson.length(), Files.size(file));
    }

    @Test
    void auditExportToAnUnwritablePlaceIsAUsageError() {
        loggedIn();
        server.answer("GET", "/api/agents/my-agent/audit/export?period=30d&format=ndjson",
                new FakeServer.Answer(200, "application/x-ndjson", "{}\n"));
        Cli.Result result = cli.run("audit", "export", "my-agent", "-o", config.resolve("no/such/dir/a.ndjson").toString());
        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().startsWith("Error: cannot write "), result.err());
    }

    @Test
    void aRedirectIsReportedNotFollowed() {
        loggedIn();
        server.answer("GET", KEYS, new FakeServer.Answer(308, "text/plain", ""));
        Cli.Result result = cli.run("keys", "list", "my-agent");
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().startsWith("Error: the server answered HTTP 308: redirected to"), result.err());
    }

    @Test
    void invokeSendsTheMessageAndPrintsTheReply() {
        loggedIn();
        server.json("POST", "/api/agents/my-agent/invoke", 200,
                "{\"reply\":\"Hello there\",\"session_id\":\"s1\",\"agent\":\"my-agent\"}");
        Cli.Result result = cli.run("invoke", "my-agent", "-m", "Hello", "--session", "s1");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Hello there\n(session s1)\n", result.out());
        assertEquals("{\"message\":\"Hello\",\"session_id\":\"s1\"}", server.seen().get(0).body());
    }

    @Test
    void sessionsCreateShowEnd() {
        loggedIn();
        String sessions = "/api/agents/my-agent/sessions";
        server.json("POST", sessions, 201, "{\"id\":\"s1\",\"user_id\":\"u1\",\"created_at\":\"" + Instant.now() + "\"}")
                .json("GET", sessions + "/s1", 200, "[{\"role\":\"user\",\"content\":\"Hi\",\"at\":\"" + Instant.now()
                        + "\"}]")
                .answer("DELETE", sessions + "/s1", new FakeServer.Answer(204, "text/plain", ""));
        assertEquals("Session s1 started for u1.\n", cli.run("sessions", "create", "my-agent", "--user-id", "u1").out());
        assertEquals("{\"user_id\":\"u1\"}", server.seen().get(0).body());
        assertEquals("WHEN      ROLE  CONTENT\njust now  user  Hi\n", cli.run("sessions", "show", "my-agent", "s1").out());
        assertEquals("Ended session s1.\n", cli.run("sessions", "end", "my-agent", "s1").out());
    }
}
