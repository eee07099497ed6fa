package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentwarden.it.Deployments;
import dev.agentwarden.it.Http;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code warden} command line against the deployed WAR, in-process ({@code CommandLine.execute}) with its own
 * configuration directory: each command's output and exit code, and the refusals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WardenCliIT {

    private static final String AGENT = "secure-agent";
    private static final Pattern PRINTED_KEY = Pattern.compile("^API Key: (sk_live_[A-Za-z0-9]+)\nKeep this key secure!\n");

    /** One login for the class: the token endpoint allows 10 attempts a minute per account. */
    private static Path loggedIn;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private String url;
    private String unique;

    @BeforeEach
    void server() {
        url = new Http(base).uri("").toString();
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path freshDir() throws IOException {
        return Files.createTempDirectory("warden-cli-it-");
    }

    private Cli cli() throws IOException {
        synchronized (WardenCliIT.class) {
            if (loggedIn == null) {
                Path dir = freshDir();
                Cli.Result login = new Cli(dir).stdin(Deployments.ADMIN_PASSWORD + "\n")
                        .run("login", "--url", url, "--user", Deployments.ADMIN);
                assertEquals(0, login.exit(), login.toString());
                loggedIn = dir;
            }
        }
        return new Cli(loggedIn);
    }

    /** {@code keys create}: the key as printed, once. */
    private String createKey(Cli cli, String name) {
        Cli.Result result = cli.run("keys", "create", AGENT, "--name", name);
        assertEquals(0, result.exit(), result.toString());
        Matcher printed = PRINTED_KEY.matcher(result.out());
        assertTrue(printed.find(), result.out());
        return printed.group(1);
    }

    @Test
    void loginStoresATokenInAFileOfMode0600() throws IOException {
        Path dir = freshDir();
        Cli.Result result = new Cli(dir).stdin(Deployments.ADMIN_PASSWORD + "\n")
                .run("login", "--url", url, "--user", Deployments.ADMIN, "--profile", "it");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("Logged in to " + url + " as admin (profile it)"), result.out());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("credentials"))));
        assertFalse(Files.readString(dir.resolve("credentials")).contains(Deployments.ADMIN_PASSWORD));
    }

    @Test
    void loginWithAWrongPasswordExits1InvalidCredentials() throws IOException {
        Path dir = freshDir();
        Cli.Result result = new Cli(dir).stdin("wrong-password-123\n").run("login", "--url", url, "--user",
                Deployments.ADMIN);
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().startsWith("Error: ") && result.err().contains("(invalid_credentials)"), result.err());
        assertFalse(Files.exists(dir.resolve("credentials")));
    }

    @Test
    void notLoggedInSaysHowToLogIn() throws IOException {
        Cli.Result result = new Cli(freshDir()).run("keys", "list", AGENT);
        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().startsWith("Error: not logged in (profile default): run `warden login"), result.err());
    }

    @Test
    void keysCreatePrintsTheKeyOnceAndListShowsItsPrefixOnly() throws IOException {
        Cli cli = cli();
        String key = createKey(cli, "create-" + unique);
        assertTrue(key.length() >= 38, key);
        Cli.Result list = cli.run("keys", "list", AGENT);
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().startsWith("ID "), list.out());
        String row = list.out().lines().filter(l -> l.contains("create-" + unique)).findFirst().orElseThrow();
        assertTrue(row.contains(key.substring(0, 12)) && row.contains("active") && row.contains("never"), row);
        assertFalse(list.out().contains(key));
        assertFalse(Files.readString(loggedIn.resolve("credentials")).contains(key));
    }

    @Test
    void keysRotateByPrefixPrintsANewKey() throws IOException {
        Cli cli = cli();
        String old = createKey(cli, "rotate-" + unique);
        Cli.Result rotated = cli.run("keys", "rotate", AGENT, "--key", old.substring(0, 12), "--grace", "1h");
        assertEquals(0, rotated.exit(), rotated.toString());
        Matcher printed = PRINTED_KEY.matcher(rotated.out());
        assertTrue(printed.find(), rotated.out());
        assertNotEquals(old, printed.group(1));
        assertTrue(rotated.out().contains("keeps working for 1h"), rotated.out());
        assertTrue(cli.run("keys", "list", AGENT).out().contains(printed.group(1).substring(0, 12)));
    }

    @Test
    void aRevokedKeyIsRefused() throws IOException {
        Cli cli = cli();
        String key = createKey(cli, "revoke-" + unique);
        Cli.Result revoked = cli.run("keys", "revoke", AGENT, "--key", key.substring(0, 12));
        assertEquals(0, revoked.exit(), revoked.toString());
        assertTrue(revoked.out().startsWith("Revoked key "), revoked.out());
        Cli.Result refused = new Cli(freshDir()).env("WARDEN_URL", url).env("WARDEN_TOKEN", key).run("keys", "list", AGENT);
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().startsWith("Error: ") && refused.err().contains("(api_key_revoked)"), refused.err());
        assertFalse(refused.err().contains(key));
    }

    @Test
    void aWholeKeyInKeyIsAUsageError() throws IOException {
        Cli cli = cli();
        String key = createKey(cli, "whole-" + unique);
        Cli.Result result = cli.run("keys", "revoke", AGENT, "--key", key);
        assertEquals(2, result.exit(), result.toString());
        assertTrue(result.err().contains("not the whole key"), result.err());
    }

    @Test
    void keysOfAnUnknownAgentExit1NotFound() throws IOException {
        Cli.Result result = cli().run("keys", "list", "nobody-" + unique);
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: No such agent (not_found)", result.err().strip());
    }

    @Test
    void auditExportWritesTheFile() throws IOException {
        Cli cli = cli();
        createKey(cli, "export-" + unique);
        Path file = freshDir().resolve("audit.csv");
        Cli.Result result = cli.run("audit", "export", AGENT, "--period", "1d", "--format", "csv", "-o", file.toString());
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("Exported ") && result.out().contains(file.toString()), result.out());
        assertTrue(Files.readString(file).startsWith("id,type,agent,at,peer,principal,detail\r\n"));
        assertEquals("", result.err());
    }

    @Test
    void logsFilterShowsTheEventsOfThatType() throws IOException, InterruptedException {
        Cli cli = cli();
        createKey(cli, "logs-" + unique);
        Cli.Result json = null;
        for (int i = 0; i < 50; i++) {
            // the audit log is written in the background
            json = cli.run("--json", "logs", AGENT, "--filter", "key.created", "--since", "1h");
            if (json.out().contains("logs-" + unique) || json.exit() != 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(0, json.exit(), json.toString());
        JsonNode events = Json.MAPPER.readTree(json.out());
        assertTrue(events.size() > 0, json.out());
        String printed = json.out();
        events.forEach(e -> assertEquals("key.created", e.get("type").asText(), printed));
        Cli.Result table = cli.run("logs", AGENT, "--filter", "key.created", "--since", "1h");
        assertEquals(0, table.exit(), table.toString());
        assertTrue(table.out().startsWith("WHEN ") && table.out().contains("key.created"), table.out());
    }

    @Test
    void aNewKeyInvokesItsAgent() throws IOException {
        String key = createKey(cli(), "invoke-" + unique);
        Cli.Result result = new Cli(freshDir()).env("WARDEN_URL", url).env("WARDEN_TOKEN", key)
                .run("invoke", AGENT, "--message", "Hello");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().matches("(?s).+\n\\(session [^)]+\\)\n"), result.out());
    }
}
