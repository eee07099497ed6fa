package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code security ...} against a fake server: each edit is a GET of the agent, then a PUT of its config with
 * {@code If-Match} and only {@code config.security} changed; the whitelist commands use their own endpoint.
 */
class SecurityCommandTest extends ServerTestBase {

    private static final String AGENT = AgentsCommandTest.AGENT;
    private static final String WHITELIST = AGENT + "/security/whitelist";

    /** Runs {@code args} against an agent whose config is {@link AgentsCommandTest#CONFIG}; the security sent back. */
    private JsonNode edit(String expectedOut, String... args) throws IOException {
        loggedIn();
        server.answer("GET", AGENT, AgentsCommandTest.shown()).json("PUT", AGENT, 200, AgentsCommandTest.SHOWN);
        Cli.Result result = cli.run(args);
        assertEquals(0, result.exit(), result.toString());
        assertEquals(expectedOut, result.out());
        assertEquals(2, server.seen().size(), server.seen().toString());
        assertEquals("GET " + AGENT, server.seen().get(0).line());
        FakeServer.Seen put = server.seen().get(1);
        assertEquals("PUT " + AGENT, put.line());
        assertEquals("\"3\"", put.header("If-Match"));
        JsonNode sent = Json.MAPPER.readTree(put.body());
        JsonNode before = Json.MAPPER.readTree(AgentsCommandTest.CONFIG);
        assertEquals(before.get("auth"), sent.get("auth"), "only security changes");
        return sent.get("security");
    }

    @Test
    void mfaEnableAndDisable() throws IOException {
        JsonNode security = edit("MFA enabled for agent my-agent.\n", "security", "mfa", "enable", "my-agent");
        assertEquals("{\"enabled\":true,\"operations\":[]}", Json.compact(security.get("mfa")));
        server.seen().clear();
        security = edit("MFA disabled for agent my-agent.\n", "security", "mfa", "disable", "my-agent");
        assertEquals("{\"enabled\":false,\"operations\":[]}", Json.compact(security.get("mfa")));
    }

    @Test
    void mfaRequireSetsTheOperations() throws IOException {
        JsonNode security = edit("MFA required for delete, update on agent my-agent.\n",
                "security", "mfa", "require", "my-agent", "--operations", "delete,update");
        assertEquals("{\"enabled\":true,\"operations\":[\"delete\",\"update\"]}", Json.compact(security.get("mfa")));
        assertEquals("{\"enabled\":false,\"addresses\":[]}", Json.compact(security.get("ipWhitelist")), "the rest kept");
    }

    @Test
    void rotationSetsTheInterval() throws IOException {
        JsonNode security = edit("API keys of agent my-agent must now be rotated every 90d.\n",
                "security", "rotation", "my-agent", "--interval", "90d");
        assertEquals("{\"interval\":\"90d\"}", Json.compact(security.get("rotation")));
    }

    @Test
    void rateLimitOnAndOff() throws IOException {
        JsonNode security = edit("Agent my-agent now allows 100 requests per 1m per caller.\n",
                "security", "ratelimit", "my-agent", "--requests", "100", "--window", "1m");
        assertEquals("{\"enabled\":true,\"requests\":100,\"window\":\"1m\"}", Json.compact(security.get("rateLimit")));
        server.seen().clear();
        security = edit("Rate limit off for agent my-agent.\n", "security", "ratelimit", "my-agent", "--disable");
        assertEquals("{\"enabled\":false}", Json.compact(security.get("rateLimit")));
    }

    @Test
    void httpsEnforceWithHstsAndNoEnforce() throws IOException {
        JsonNode security = edit("HTTPS enforced for agent my-agent; HSTS max-age 31536000.\n",
                "security", "https", "my-agent", "--enforce", "--hsts-max-age", "31536000");
        assertTrue(security.get("enforceHttps").asBoolean());
        assertEquals("{\"enabled\":true,\"maxAge\":31536000}", Json.compact(security.get("hsts")));
        server.seen().clear();
        security = edit("HTTPS not enforced for agent my-agent.\n", "security", "https", "my-agent", "--no-enforce");
        assertEquals(false, security.get("enforceHttps").asBoolean(true));
        assertEquals("{\"enabled\":false}", Json.compact(security.get("hsts")), "left as it was");
    }

    @Test
    void mfaCodeIsSentAsXMfaCode() throws IOException {
        edit("MFA enabled for agent my-agent.\n", "security", "mfa", "enable", "my-agent", "--mfa-code", "123456");
        assertEquals("123456", server.seen().get(1).header("X-MFA-Code"));
    }

    @Test
    void aRefusedEditExits1WithCodeAndDetail() {
        loggedIn();
        server.answer("GET", AGENT, AgentsCommandTest.shown()).problem("PUT", AGENT, 403, "forbidden", "Not allowed");
        Cli.Result result = cli.run("security", "rotation", "my-agent", "--interval", "30d");
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: Not allowed (forbidden)\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void usageErrorsExit2BeforeAnythingIsSent() {
        loggedIn();
        String[][] wrong = {
            {"security", "mfa", "require", "my-agent", "--operations", "delete,launch"},
            {"security", "mfa", "require", "my-agent"},
            {"security", "mfa", "my-agent"},
            {"security", "rotation", "my-agent", "--interval", "3 months"},
            {"security", "rotation", "my-agent", "--interval", "0d"},
            {"security", "ratelimit", "my-agent", "--requests", "100"},
            {"security", "ratelimit", "my-agent", "--requests", "100", "--window", "1m", "--disable"},
            {"security", "ratelimit", "my-agent", "--requests", "0", "--window", "1m"},
            {"security", "https", "my-agent"},
            {"security", "https", "my-agent", "--enforce", "--hsts-max-age", "0"},
            {"security", "whitelist", "add", "my-agent"},
            {"security"},
        };
        for (String[] args : wrong) {
            Cli.Result result = cli.run(args);
            assertEquals(2, result.exit(), String.join(" ", args) + ": " + result);
        }
        assertTrue(server.seen().isEmpty(), server.seen().toString());
    }

    @Test
    void whitelistAddPostsTheIp() {
        loggedIn();
        server.json("POST", WHITELIST, 201, "{\"enabled\":true,\"addresses\":[\"203.0.113.50\"],\"version\":4}");
        Cli.Result result = cli.run("security", "whitelist", "add", "my-agent", "--ip", "203.0.113.50", "--mfa-code", "1");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Added 203.0.113.50 to the whitelist of agent my-agent.\n", result.out());
        assertEquals("POST " + WHITELIST, server.seen().get(0).line());
        assertEquals("{\"ip\":\"203.0.113.50\"}", server.seen().get(0).body());
        assertEquals("1", server.seen().get(0).header("X-MFA-Code"));
    }

    @Test
    void whitelistRemoveDeletesWithTheIpEncodedInTheQuery() {
        loggedIn();
        server.answer("DELETE", WHITELIST + "?ip=203.0.113.0%2F24", new FakeServer.Answer(204, "text/plain", ""));
        Cli.Result result = cli.run("security", "whitelist", "remove", "my-agent", "--ip", "203.0.113.0/24");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Removed 203.0.113.0/24 from the whitelist of agent my-agent.\n", result.out());
        assertEquals("DELETE " + WHITELIST + "?ip=203.0.113.0%2F24", server.seen().get(0).line());
    }

    @Test
    void whitelistRemoveOfAnAbsentAddressExits1() {
        loggedIn();
        server.problem("DELETE", WHITELIST + "?ip=10.0.0.1", 404, "not_found", "'10.0.0.1' is not on the whitelist");
        Cli.Result result = cli.run("security", "whitelist", "remove", "my-agent", "--ip", "10.0.0.1");
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: '10.0.0.1' is not on the whitelist (not_found)\n", result.err());
    }

    @Test
    void whitelistListPrintsTheAddresses() {
        loggedIn();
        server.json("GET", WHITELIST, 200, "{\"enabled\":true,\"addresses\":[\"203.0.113.0/24\",\"198.51.100.42\"],"
                + "\"version\":4}");
        Cli.Result result = cli.run("security", "whitelist", "list", "my-agent");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("IP whitelist of agent my-agent: on.\n203.0.113.0/24\n198.51.100.42\n", result.out());
        assertEquals("GET " + WHITELIST, server.seen().get(0).line());
    }
}
