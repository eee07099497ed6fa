package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentwarden.it.Deployments;
import dev.agentwarden.it.Http;
import dev.agentwarden.it.Totp;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    // --- the commands of the agent controls, MFA, webhooks and alerts ---------------------------------------------

    /** Creates a user with {@code role} through the API (as the admin); its name. */
    private String newUser(String role) {
        String name = "cli-" + role + "-" + unique;
        HttpResponse<String> created = new Http(base).json("POST", "api/users", "{\"username\":\"" + name
                + "\",\"password\":\"" + USER_PASSWORD + "\",\"roles\":[\"" + role + "\"]}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    private static final String USER_PASSWORD = "cli-User-Password-0123456789";

    /** A command line logged in as {@code user}. */
    private Cli loggedInAs(String user) throws IOException {
        Path dir = freshDir();
        Cli.Result login = new Cli(dir).stdin(USER_PASSWORD + "\n").run("login", "--url", url, "--user", user);
        assertEquals(0, login.exit(), login.toString());
        return new Cli(dir);
    }

    /** Runs {@code test}, then puts the example agent's config back to the defaults ({@code agents set --force}). */
    private void restoringTheConfig(Cli cli, Runnable test) throws IOException {
        Path empty = freshDir().resolve("empty.json");
        Files.writeString(empty, "{}");
        try {
            test.run();
        } finally {
            Cli.Result restored = cli.run("agents", "set", AGENT, "--file", empty.toString(), "--force");
            assertEquals(0, restored.exit(), restored.toString());
        }
    }

    @Test
    void agentsListShowsTheExampleAgent() throws IOException {
        Cli.Result result = cli().run("agents", "list");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("NAME "), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith(AGENT + " ")), result.out());
    }

    @Test
    void agentsGetJsonPrintsTheDocument() throws IOException {
        Cli.Result result = cli().run("--json", "agents", "get", AGENT);
        assertEquals(0, result.exit(), result.toString());
        JsonNode agent = Json.MAPPER.readTree(result.out());
        assertEquals(AGENT, agent.get("name").asText());
        assertTrue(agent.get("config").has("security"), result.out());
    }

    @Test
    void agentsSetWithAnInvalidDocumentNamesEachPointer() throws IOException {
        Path file = freshDir().resolve("bad.json");
        Files.writeString(file, "{\"security\":{\"rateLimit\":{\"enabled\":true,\"window\":\"5 minutes\"}}}");
        Cli.Result result = cli().run("agents", "set", AGENT, "--file", file.toString());
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("(validation_failed)"), result.err());
        assertTrue(result.err().contains("/security/rateLimit/window: "), result.err());
    }

    @Test
    void securityRotationSetsTheInterval() throws IOException {
        Cli cli = cli();
        restoringTheConfig(cli, () -> {
            Cli.Result set = cli.run("security", "rotation", AGENT, "--interval", "90d");
            assertEquals(0, set.exit(), set.toString());
            Cli.Result shown = cli.run("--json", "agents", "get", AGENT);
            try {
                assertEquals("90d", Json.MAPPER.readTree(shown.out()).at("/config/security/rotation/interval").asText(),
                        shown.out());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void securityWhitelistAddListRemove() throws IOException {
        Cli cli = cli();
        restoringTheConfig(cli, () -> {
            Cli.Result added = cli.run("security", "whitelist", "add", AGENT, "--ip", "203.0.113.0/24");
            assertEquals(0, added.exit(), added.toString());
            Cli.Result listed = cli.run("security", "whitelist", "list", AGENT);
            assertEquals(0, listed.exit(), listed.toString());
            assertTrue(listed.out().lines().anyMatch("203.0.113.0/24"::equals), listed.out());
            Cli.Result removed = cli.run("security", "whitelist", "remove", AGENT, "--ip", "203.0.113.0/24");
            assertEquals(0, removed.exit(), removed.toString());
            assertFalse(cli.run("security", "whitelist", "list", AGENT).out().contains("203.0.113.0/24"));
        });
    }

    @Test
    void securityWhitelistRefusesACidrWithHostBits() throws IOException {
        Cli.Result result = cli().run("security", "whitelist", "add", AGENT, "--ip", "10.0.0.1/24");
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("(validation_failed)"), result.err());
    }

    @Test
    void anMfaProtectedOperationWithoutACodeExits1MfaRequired() throws IOException {
        Cli cli = cli();
        restoringTheConfig(cli, () -> {
            Cli.Result required = cli.run("security", "mfa", "require", AGENT, "--operations", "keys");
            assertEquals(0, required.exit(), required.toString());
            Cli.Result refused = cli.run("keys", "create", AGENT, "--name", "needs-mfa-" + unique);
            assertEquals(1, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("(mfa_required)"), refused.err());
            assertFalse(refused.out().contains("API Key:"), refused.out());
        });
    }

    @Test
    void webhooksSecretIsPrintedOnce() throws IOException {
        Cli.Result result = cli().run("webhooks", "secret", AGENT);
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().matches("(?s)Webhook secret: whsec_[A-Za-z0-9+/=]+\nKeep this secret secure!\n.*"),
                result.out());
    }

    @Test
    void alertsCreateListDelete() throws IOException {
        Cli cli = cli();
        Cli.Result created = cli.run("alerts", "create", "--agent", AGENT, "--metric", "failed-auth", "--threshold",
                "10", "--window", "5m");
        assertEquals(0, created.exit(), created.toString());
        Matcher id = Pattern.compile("^Alert (\\S+) created$", Pattern.MULTILINE).matcher(created.out());
        assertTrue(id.find(), created.out());
        Cli.Result listed = cli.run("alerts", "list", "--agent", AGENT);
        assertEquals(0, listed.exit(), listed.toString());
        assertTrue(listed.out().contains(id.group(1)) && listed.out().contains("failed-auth"), listed.out());
        Cli.Result deleted = cli.run("alerts", "delete", id.group(1));
        assertEquals(0, deleted.exit(), deleted.toString());
        assertFalse(cli.run("alerts", "list", "--agent", AGENT).out().contains(id.group(1)));
    }

    @Test
    void anAlertToALoopbackWebhookIsRefused() throws IOException {
        Cli.Result result = cli().run("alerts", "create", "--agent", AGENT, "--metric", "ip-denied", "--threshold", "1",
                "--window", "1m", "--webhook-url", "https://127.0.0.1/hook");
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("(validation_failed)") && result.err().contains("/webhook_url: "),
                result.err());
    }

    @Test
    void meMfaEnrolConfirmsWithACodeAndPrintsTheRecoveryCodes() throws IOException {
        Cli person = loggedInAs(newUser("viewer"));
        Cli.Result result = person.interactive(true).stdin(output -> {
            Matcher secret = Pattern.compile("^Secret: ([A-Z2-7]+)$", Pattern.MULTILINE).matcher(output);
            assertTrue(secret.find(), output);
            return Totp.code(secret.group(1), serverNow()) + "\n";
        }).run("me", "mfa", "enrol");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("otpauth://totp/Agent%20Warden:cli-viewer-" + unique), result.out());
        assertTrue(result.out().contains("MFA is on."), result.out());
        assertEquals(10, result.out().lines().filter(l -> l.matches("  [0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}")).count(),
                result.out());
    }

    @Test
    void aViewerIsRefusedKeysCreate() throws IOException {
        Cli.Result result = loggedInAs(newUser("viewer")).run("keys", "create", AGENT, "--name", "viewer-" + unique);
        assertEquals(1, result.exit(), result.toString());
        assertTrue(result.err().contains("(forbidden)"), result.err());
    }

    @Test
    void theServerPublishesTheApiDescription() {
        // The CLI's contract, served at the server's root by its MicroProfile OpenAPI from META-INF/openapi.yaml.
        HttpResponse<String> openapi = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url).resolve("/openapi")));
        assertEquals(200, openapi.statusCode(), openapi.body());
        for (String path : new String[] {"/api/alerts", "/api/me/mfa", "/api/agents/{agent}/security/whitelist",
            "/api/service-accounts", "/api/auth/token"}) {
            assertTrue(openapi.body().contains(path), path + " is missing from /openapi");
        }
    }

    // --- every other command once against the server ------------------------------------------------------------

    @Test
    void logoutForgetsTheToken() throws IOException {
        Path dir = freshDir();
        assertEquals(0, new Cli(dir).stdin(Deployments.ADMIN_PASSWORD + "\n")
                .run("login", "--url", url, "--user", Deployments.ADMIN).exit());
        Cli.Result out = new Cli(dir).run("logout");
        assertEquals(0, out.exit(), out.toString());
        assertTrue(out.out().startsWith("Logged out of "), out.out());
        assertEquals(2, new Cli(dir).run("keys", "list", AGENT).exit());
    }

    @Test
    void usersCreateListAndRoles() throws IOException {
        Cli cli = cli();
        String name = "cli-made-" + unique;
        Cli.Result created = new Cli(loggedIn).stdin(USER_PASSWORD + "\n").run("users", "create", name, "--roles",
                "viewer");
        assertEquals(0, created.exit(), created.toString());
        assertEquals("Created user " + name + " with roles viewer.", created.out().strip());
        assertTrue(cli.run("users", "list").out().contains(name));
        Cli.Result roles = cli.run("users", "roles", name, "--roles", "developer");
        assertEquals(0, roles.exit(), roles.toString());
        assertEquals("User " + name + " now has roles developer.", roles.out().strip());
    }

    @Test
    void sessionsCreateShowEnd() throws IOException {
        Cli cli = cli();
        Cli.Result created = cli.run("sessions", "create", AGENT);
        assertEquals(0, created.exit(), created.toString());
        Matcher id = Pattern.compile("^Session (\\S+) started").matcher(created.out());
        assertTrue(id.find(), created.out());
        Cli.Result shown = cli.run("sessions", "show", AGENT, id.group(1));
        assertEquals(0, shown.exit(), shown.toString());
        assertEquals(0, cli.run("sessions", "end", AGENT, id.group(1)).exit());
    }

    @Test
    void agentsSetStoresAValidDocument() throws IOException {
        Cli cli = cli();
        Path file = freshDir().resolve("config.json");
        Files.writeString(file, "{\"security\":{\"rotation\":{\"interval\":\"30d\"}}}");
        restoringTheConfig(cli, () -> {
            Cli.Result set = cli.run("agents", "set", AGENT, "--file", file.toString());
            assertEquals(0, set.exit(), set.toString());
            assertEquals("30d", configAt(cli, "/security/rotation/interval"));
        });
    }

    @Test
    void securityMfaEnableAndDisable() throws IOException {
        Cli cli = cli();
        restoringTheConfig(cli, () -> {
            assertEquals(0, cli.run("security", "mfa", "enable", AGENT).exit());
            assertEquals("true", configAt(cli, "/security/mfa/enabled"));
            assertEquals(0, cli.run("security", "mfa", "disable", AGENT).exit());
            assertEquals("false", configAt(cli, "/security/mfa/enabled"));
        });
    }

    @Test
    void securityRatelimitSetsTheLimit() throws IOException {
        Cli cli = cli();
        restoringTheConfig(cli, () -> {
            Cli.Result set = cli.run("security", "ratelimit", AGENT, "--requests", "1000", "--window", "1m");
            assertEquals(0, set.exit(), set.toString());
            assertEquals("1000", configAt(cli, "/security/rateLimit/requests"));
            assertEquals("true", configAt(cli, "/security/rateLimit/enabled"));
        });
    }

    @Test
    void securityHttpsEnforcesWithHsts() throws IOException {
        Cli cli = cli();
        restoringTheConfig(cli, () -> {
            Cli.Result set = cli.run("security", "https", AGENT, "--enforce", "--hsts-max-age", "600");
            assertEquals(0, set.exit(), set.toString());
            assertEquals("true", configAt(cli, "/security/enforceHttps"));
            assertEquals("600", configAt(cli, "/security/hsts/maxAge"));
        });
    }

    @Test
    void meMfaDisableTakesACode() throws IOException {
        String name = newUser("viewer");
        Cli person = loggedInAs(name);
        Cli.Result enrolled = person.interactive(true).stdin(output -> {
            Matcher secret = Pattern.compile("^Secret: ([A-Z2-7]+)$", Pattern.MULTILINE).matcher(output);
            assertTrue(secret.find(), output);
            return Totp.code(secret.group(1), serverNow()) + "\n";
        }).run("me", "mfa", "enrol");
        assertEquals(0, enrolled.exit(), enrolled.toString());
        Matcher secret = Pattern.compile("^Secret: ([A-Z2-7]+)$", Pattern.MULTILINE).matcher(enrolled.out());
        assertTrue(secret.find());
        // the enrolment used this time step: the next one gives a fresh code
        Instant next = new Http(base).advanceClock(java.time.Duration.ofSeconds(30));
        Path dir = freshDir();
        Cli.Result login = new Cli(dir).stdin(USER_PASSWORD + "\n").run("login", "--url", url, "--user", name,
                "--mfa-code", Totp.code(secret.group(1), next));
        assertEquals(0, login.exit(), login.toString());
        Instant later = new Http(base).advanceClock(java.time.Duration.ofMinutes(16));
        Cli.Result off = new Cli(dir).run("me", "mfa", "disable", "--mfa-code", Totp.code(secret.group(1), later));
        assertEquals(0, off.exit(), off.toString());
    }

    @Test
    void completionPrintsABashScript() throws IOException {
        Cli.Result result = new Cli(freshDir()).run("completion", "bash");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("complete -F") && result.out().contains("warden"), result.out());
    }

    /** The server's time (its clock may have been moved by an earlier test): codes are computed for it. */
    private Instant serverNow() {
        return new Http(base).advanceClock(java.time.Duration.ZERO);
    }

    /** A value of the example agent's config, read with {@code agents get --json}. */
    private String configAt(Cli cli, String pointer) {
        Cli.Result shown = cli.run("--json", "agents", "get", AGENT);
        try {
            return Json.MAPPER.readTree(shown.out()).at("/config" + pointer).asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void accountsCreateAndCredentialsGiveAWorkingClient() throws IOException {
        Cli cli = cli();
        String name = "cli-svc-" + unique;
        Cli.Result created = cli.run("accounts", "create", name, "--type", "service", "--permissions", "read");
        assertEquals(0, created.exit(), created.toString());
        Cli.Result credentials = cli.run("accounts", "credentials", name);
        assertEquals(0, credentials.exit(), credentials.toString());
        Matcher id = Pattern.compile("^Client ID: (\\S+)$", Pattern.MULTILINE).matcher(credentials.out());
        Matcher secret = Pattern.compile("^Client Secret: (\\S+)$", Pattern.MULTILINE).matcher(credentials.out());
        assertTrue(id.find() && secret.find(), credentials.out());
        assertTrue(credentials.out().contains("Keep this secret secure!"), credentials.out());
        HttpResponse<String> token = Http.send(new Http(base).request("api/auth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + java.net.URLEncoder.encode(id.group(1), java.nio.charset.StandardCharsets.UTF_8)
                        + "&client_secret=" + java.net.URLEncoder.encode(secret.group(1),
                                java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals(200, token.statusCode(), token.body());
    }
}
