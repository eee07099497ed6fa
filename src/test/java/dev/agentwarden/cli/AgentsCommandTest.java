package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code agents list|get|set} against a fake server: the requests, the output, the exit codes. */
class AgentsCommandTest extends ServerTestBase {

    static final String AGENT = "/api/agents/my-agent";
    static final String CONFIG = "{\"auth\":{\"type\":\"none\"},\"security\":{\"ipWhitelist\":{\"enabled\":false,"
            + "\"addresses\":[]},\"rateLimit\":{\"enabled\":false},\"mfa\":{\"enabled\":false,\"operations\":[]},"
            + "\"rotation\":{},\"mtls\":{\"enabled\":false},\"enforceHttps\":false,\"hsts\":{\"enabled\":false}}}";
    static final String SHOWN = "{\"name\":\"my-agent\",\"route\":\"/my\",\"enabled\":true,\"functions\":[{\"name\":"
            + "\"get_balance\",\"description\":\"Balance\",\"secure\":false}],\"config\":" + CONFIG
            + ",\"version\":3,\"updated_at\":null}";

    /** The agent's GET answer with its ETag, as the server sends it. */
    static FakeServer.Answer shown() {
        return new FakeServer.Answer(200, "application/json", SHOWN, Map.of("ETag", "\"3\""));
    }

    @Test
    void listIsATableOfNameRouteEnabledAndTheControlsOn() {
        loggedIn();
        server.json("GET", "/api/agents", 200, "[{\"name\":\"secure-agent\",\"route\":\"/\",\"enabled\":true,\"controls\":"
                + "{\"ip_whitelist\":true,\"rate_limit\":false,\"mfa\":true}},{\"name\":\"b\",\"route\":\"/b\","
                + "\"enabled\":false,\"controls\":{\"mfa\":false}}]");
        Cli.Result result = cli.run("agents", "list");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("NAME          ROUTE  ENABLED  CONTROLS\n"
                + "secure-agent  /      true     ip_whitelist,mfa\n"
                + "b             /b     false    -\n", result.out());
        assertEquals("GET /api/agents", server.seen().get(0).line());
    }

    @Test
    void getPrintsTheAgentAndItsConfigAndJsonIsTheAnswer() {
        loggedIn();
        server.answer("GET", AGENT, shown());
        Cli.Result result = cli.run("agents", "get", "my-agent");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("Agent:    my-agent\nRoute:    /my\nEnabled:  true\nVersion:  3\n"), result.out());
        assertTrue(result.out().contains("get_balance  false   Balance"), result.out());
        assertTrue(result.out().contains("Config:\n{\n  \"auth\" : {"), result.out());
        Cli.Result json = cli.run("agents", "get", "my-agent", "--json");
        assertEquals(0, json.exit());
        assertTrue(json.out().startsWith("{\n  \"name\" : \"my-agent\""), json.out());
        assertTrue(json.out().contains("\"version\" : 3"), json.out());
    }

    @Test
    void setPutsTheFileWithIfMatchFromAGetFirst() throws IOException {
        loggedIn();
        Path file = config.resolve("config.json");
        Files.writeString(file, CONFIG);
        server.answer("GET", AGENT, shown()).json("PUT", AGENT, 200, SHOWN.replace("\"version\":3", "\"version\":4"));
        Cli.Result result = cli.run("agents", "set", "my-agent", "--file", file.toString());
        assertEquals(0, result.exit(), result.toString());
        assertEquals("Updated the config of agent my-agent (version 4).\n", result.out());
        assertEquals("GET " + AGENT, server.seen().get(0).line());
        FakeServer.Seen put = server.seen().get(1);
        assertEquals("PUT " + AGENT, put.line());
        assertEquals("\"3\"", put.header("If-Match"));
        assertEquals("application/json", put.header("Content-Type"));
        assertEquals(CONFIG, put.body());
    }

    @Test
    void setFromStdinWithForceSendsNoIfMatchAndNoGet() {
        loggedIn();
        server.json("PUT", AGENT, 200, SHOWN);
        Cli.Result result = cli.stdin(CONFIG).run("agents", "set", "my-agent", "--file", "-", "--force", "--json");
        assertEquals(0, result.exit(), result.toString());
        assertEquals(1, server.seen().size());
        assertNull(server.seen().get(0).header("If-Match"));
        assertEquals(CONFIG, server.seen().get(0).body());
        assertTrue(result.out().startsWith("{\n  \"name\" : \"my-agent\""), result.out());
    }

    @Test
    void anInvalidDocumentPrintsEachPointerAndDetailAndExits1() throws IOException {
        loggedIn();
        Path file = config.resolve("config.json");
        Files.writeString(file, "{\"security\":{\"ipWhitelist\":{\"addresses\":[\"nope\"]},\"extra\":1}}");
        server.answer("GET", AGENT, shown()).answer("PUT", AGENT, new FakeServer.Answer(400, "application/problem+json",
                "{\"status\":400,\"code\":\"validation_failed\",\"detail\":\"The config document is not valid\","
                + "\"errors\":[{\"pointer\":\"/security/ipWhitelist/addresses/0\",\"detail\":\"not an IP address or CIDR\"},"
                + "{\"pointer\":\"/security/extra\",\"detail\":\"unknown key\"}]}"));
        Cli.Result result = cli.run("agents", "set", "my-agent", "-f", file.toString());
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: The config document is not valid (validation_failed)\n"
                + "/security/ipWhitelist/addresses/0: not an IP address or CIDR\n"
                + "/security/extra: unknown key\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void aStaleVersionIsRefusedWithTheProblem() throws IOException {
        loggedIn();
        Path file = config.resolve("config.json");
        Files.writeString(file, CONFIG);
        server.answer("GET", AGENT, shown())
                .problem("PUT", AGENT, 412, "precondition_failed", "The agent's config changed since it was read");
        Cli.Result result = cli.run("agents", "set", "my-agent", "--file", file.toString());
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: The agent's config changed since it was read (precondition_failed)\n", result.err());
    }

    @Test
    void setUsageErrorsExit2BeforeAnythingIsSent() throws IOException {
        loggedIn();
        assertEquals(2, cli.run("agents", "set", "my-agent").exit(), "--file is required");
        Cli.Result missing = cli.run("agents", "set", "my-agent", "--file", config.resolve("none.json").toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Path file = config.resolve("bad.json");
        Files.writeString(file, "{not json");
        Cli.Result bad = cli.run("agents", "set", "my-agent", "--file", file.toString());
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("is not JSON"), bad.err());
        assertEquals(2, cli.stdin("[1,2]").run("agents", "set", "my-agent", "--file", "-").exit(), "not an object");
        assertTrue(server.seen().isEmpty());
    }

    @Test
    void aRefusedListExits1WithCodeAndDetail() {
        loggedIn();
        server.problem("GET", AGENT, 404, "not_found", "No such agent");
        Cli.Result result = cli.run("agents", "get", "my-agent");
        assertEquals(1, result.exit());
        assertEquals("Error: No such agent (not_found)\n", result.err());
    }
}
