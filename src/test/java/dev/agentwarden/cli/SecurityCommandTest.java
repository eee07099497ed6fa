package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code security ...} against a fake server: each edit is a GET of the agent, then a PUT of its config with
 * {@code If-Match} and only {@code config.security} changed; the whitelist commands use their own endpoint.
 */
class SecurityCommandTest extends ServerTestBase {

    private static final String AGENT = AgentsCommandTest.AGENT;
    private static final String WHITELIST = AGENT + "/security/whitelist";
    /** The config of {@link AgentsCommandTest}: every control off. */
    private static final String OFF = AgentsCommandTest.CONFIG;
    /** A config with every control on, for the commands that turn one off. */
    private static final String ALL_ON = "{\"auth\":{\"type\":\"none\"},\"security\":{\"ipWhitelist\":{\"enabled\":true,"
            + "\"addresses\":[\"10.0.0.0/8\"]},\"rateLimit\":{\"enabled\":true,\"requests\":5,\"window\":\"1s\"},"
            + "\"mfa\":{\"enabled\":true,\"operations\":[\"keys\"]},\"rotation\":{\"interval\":\"30d\"},"
            + "\"mtls\":{\"enabled\":true},\"enforceHttps\":true,\"hsts\":{\"enabled\":true,\"maxAge\":60}}}";

    /** Runs {@code args} against an agent whose config is {@code config}; the security sent back. */
    private JsonNode edit(String config, String expectedOut, String... args) throws IOException {
        loggedIn();
        server.answer("GET", AGENT, new FakeServer.Answer(200, "application/json",
                AgentsCommandTest.SHOWN.replace(AgentsCommandTest.CONFIG, config), AgentsCommandTest.shown().headers()))
                .json("PUT", AGENT, 200, AgentsCommandTest.SHOWN);
        Cli.Result result = cli.run(args);
        assertEquals(0, result.exit(), result.toString());
        assertEquals(expectedOut, result.out());
        assertEquals(2, server.seen().size(), server.seen().toString());
        assertEquals("GET " + AGENT, server.seen().get(0).line());
        FakeServer.Seen put = server.seen().get(1);
        assertEquals("PUT " + AGENT, put.line());
        assertEquals("\"3\"", put.header("If-Match"));
        JsonNode sent = Json.MAPPER.readTree(put.body());
        JsonNode before = Json.MAPPER.readTree(config);
        assertEquals(before.get("auth"), sent.get("auth"), "only security changes");
        return sent.get("security");
    }

    /** One edit: the config it starts from, its words, what it prints, and the members of security it changes. */
    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of(OFF, "security mfa enable my-agent", "MFA enabled for agent my-agent.",
                        "{\"mfa\":{\"enabled\":true,\"operations\":[]}}"),
                Arguments.of(ALL_ON, "security mfa disable my-agent", "MFA disabled for agent my-agent.",
                        "{\"mfa\":{\"enabled\":false,\"operations\":[\"keys\"]}}"),
                Arguments.of(OFF, "security mfa require my-agent --operations delete,update",
                        "MFA required for delete, update on agent my-agent.",
                        "{\"mfa\":{\"enabled\":true,\"operations\":[\"delete\",\"update\"]}}"),
                Arguments.of(OFF, "security rotation my-agent --interval 90d",
                        "API keys of agent my-agent must now be rotated every 90d.", "{\"rotation\":{\"interval\":\"90d\"}}"),
                Arguments.of(OFF, "security ratelimit my-agent --requests 100 --window 1m",
                        "Agent my-agent now allows 100 requests per 1m per caller.",
                        "{\"rateLimit\":{\"enabled\":true,\"requests\":100,\"window\":\"1m\"}}"),
                Arguments.of(ALL_ON, "security ratelimit my-agent --disable", "Rate limit off for agent my-agent.",
                        "{\"rateLimit\":{\"enabled\":false,\"requests\":5,\"window\":\"1s\"}}"),
                Arguments.of(OFF, "security https my-agent --enforce --hsts-max-age 31536000",
                        "HTTPS enforced for agent my-agent; HSTS max-age 31536000.",
                        "{\"enforceHttps\":true,\"hsts\":{\"enabled\":true,\"maxAge\":31536000}}"),
                Arguments.of(ALL_ON, "security https my-agent --no-enforce", "HTTPS not enforced for agent my-agent.",
                        "{\"enforceHttps\":false}"));
    }

    @ParameterizedTest
    @MethodSource("edits")
    void eachEditChangesItsMembersAndKeepsTheRest(String config, String words, String printed, String changed)
            throws IOException {
        JsonNode security = edit(config, printed + "\n", words.split(" "));
        JsonNode before = Json.MAPPER.readTree(config).get("security");
        JsonNode expected = Json.MAPPER.readTree(changed);
        assertEquals(before.size(), security.size(), Json.compact(security));
        before.fieldNames().forEachRemaining(member -> assertEquals(
                expected.has(member) ? expected.get(member) : before.get(member), security.get(member), member));
    }

    @Test
    void mfaCodeIsSentAsXMfaCode() throws IOException {
        edit(OFF, "MFA enabled for agent my-agent.\n", "security", "mfa", "enable", "my-agent", "--mfa-code", "123456");
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
