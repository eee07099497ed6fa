package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Every command's words and flags, parsed without a network; usage errors exit 2. */
class ParsingTest {

    @TempDir
    Path config;

    private final Warden warden = new Warden(Map.of(), new ByteArrayInputStream(new byte[0]), null);

    private <T> T leaf(Class<T> type, String... args) {
        ParseResult result = new CommandLine(warden).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }

    @Test
    void keysCreateTakesTheSeedsFlags() {
        KeysCommand.Create create = leaf(KeysCommand.Create.class, "keys", "create", "my-agent", "--name", "production",
                "--length", "64", "--env", "test", "--expires", "90d");
        assertEquals("my-agent", create.agent);
        assertEquals("production", create.name);
        assertEquals(64, create.length);
        assertEquals(KeysCommand.Env.test, create.env);
        assertEquals("90d", create.expires);
    }

    @Test
    void keysCreateNeedsOnlyAName() {
        KeysCommand.Create create = leaf(KeysCommand.Create.class, "keys", "create", "a", "--name", "p");
        assertNull(create.length);
        assertNull(create.env);
        assertNull(create.expires);
    }

    @Test
    void keysListRotateRevoke() {
        assertEquals("a", leaf(KeysCommand.ListKeys.class, "keys", "list", "a").agent);
        KeysCommand.Rotate rotate = leaf(KeysCommand.Rotate.class, "keys", "rotate", "a", "--key", "sk_live_AbCd",
                "--grace", "24h");
        assertEquals("sk_live_AbCd", rotate.key);
        assertEquals("24h", rotate.grace);
        assertEquals("k1", leaf(KeysCommand.Revoke.class, "keys", "revoke", "a", "--key", "k1").key);
    }

    @Test
    void logsTakeFilterSinceAndFollow() {
        LogsCommand logs = leaf(LogsCommand.class, "logs", "a", "--filter", "auth.failed", "--since", "1h", "--follow");
        assertEquals("auth.failed", logs.filter);
        assertEquals("1h", logs.since);
        assertTrue(logs.follow);
        assertFalse(leaf(LogsCommand.class, "logs", "a").follow);
    }

    @Test
    void auditExportDefaultsTo30DaysOfNdjsonOnStdout() {
        AuditCommand.Export export = leaf(AuditCommand.Export.class, "audit", "export", "a");
        assertEquals("30d", export.period);
        assertEquals(AuditCommand.Format.ndjson, export.format);
        assertNull(export.output);
        export = leaf(AuditCommand.Export.class, "audit", "export", "a", "--period", "7d", "--format", "csv", "-o", "x.csv");
        assertEquals(AuditCommand.Format.csv, export.format);
        assertEquals(Path.of("x.csv"), export.output);
    }

    @Test
    void usersCommands() {
        assertEquals(List.of("viewer"), leaf(UsersCommand.Create.class, "users", "create", "dev1").roles);
        assertEquals(List.of("developer", "viewer"),
                leaf(UsersCommand.Roles.class, "users", "roles", "dev1", "--roles", "developer,viewer").roles);
        leaf(UsersCommand.ListUsers.class, "users", "list");
    }

    @Test
    void invokeAndSessions() {
        InvokeCommand invoke = leaf(InvokeCommand.class, "invoke", "a", "--message", "Hello", "--session", "s1");
        assertEquals("Hello", invoke.message);
        assertEquals("s1", invoke.session);
        assertEquals("u1", leaf(SessionsCommand.Create.class, "sessions", "create", "a", "--user-id", "u1").userId);
        assertEquals("s1", leaf(SessionsCommand.Show.class, "sessions", "show", "a", "s1").id);
        assertEquals("s1", leaf(SessionsCommand.End.class, "sessions", "end", "a", "s1").id);
    }

    @Test
    void agentsAndSecurityCommands() {
        AgentsCommand.Set set = leaf(AgentsCommand.Set.class, "agents", "set", "a", "--file", "-", "--force",
                "--mfa-code", "123456");
        assertEquals("-", set.file);
        assertTrue(set.force);
        assertEquals("123456", set.mfa.code);
        assertEquals(List.of("delete", "update"), leaf(SecurityCommand.Mfa.Require.class, "security", "mfa", "require", "a",
                "--operations", "delete,update").operations);
        assertEquals("90d", leaf(SecurityCommand.Rotation.class, "security", "rotation", "a", "--interval", "90d").interval);
        SecurityCommand.RateLimit limit = leaf(SecurityCommand.RateLimit.class, "security", "ratelimit", "a",
                "--requests", "100", "--window", "1m");
        assertEquals(100, limit.requests);
        assertEquals("1m", limit.window);
        assertFalse(leaf(SecurityCommand.Https.class, "security", "https", "a", "--no-enforce").enforce);
        SecurityCommand.Https https = leaf(SecurityCommand.Https.class, "security", "https", "a", "--enforce",
                "--hsts-max-age", "600");
        assertTrue(https.enforce);
        assertEquals(Long.valueOf(600), https.hstsMaxAge);
        assertEquals("10.0.0.0/8", leaf(WhitelistCommand.Add.class, "security", "whitelist", "add", "a", "--ip",
                "10.0.0.0/8").ip);
        assertNull(leaf(WhitelistCommand.Remove.class, "security", "whitelist", "remove", "a", "--ip", "x").mfa.code);
    }

    @Test
    void alertsAccountsAndMe() {
        AlertsCommand.Create create = leaf(AlertsCommand.Create.class, "alerts", "create", "--agent", "a", "--metric",
                "failed-auth", "--threshold", "10", "--window", "5m");
        assertEquals(10, create.threshold);
        assertNull(create.webhookUrl);
        assertEquals("a", leaf(AlertsCommand.ListAlerts.class, "alerts", "list", "--agent", "a").agent);
        AccountsCommand.Create account = leaf(AccountsCommand.Create.class, "accounts", "create", "s", "--permissions",
                "read,write");
        assertEquals(AccountsCommand.Type.service, account.type);
        assertEquals(List.of("read", "write"), account.permissions);
        assertNull(account.agents);
        leaf(MeCommand.Mfa.Enrol.class, "me", "mfa", "enroll");
        assertEquals("1", leaf(MeCommand.Mfa.Disable.class, "me", "mfa", "disable", "--mfa-code", "1").mfaCode);
        assertEquals("24h", leaf(WebhooksCommand.Secret.class, "webhooks", "secret", "a", "--grace", "24h").grace);
    }

    @Test
    void loginTakesUrlUserAndProfile() {
        LoginCommand login = leaf(LoginCommand.class, "login", "--url", "https://a.example", "--user", "admin",
                "--profile", "prod");
        assertEquals("https://a.example", login.url);
        assertEquals("admin", login.user);
        assertEquals("prod", warden.profile);
    }

    @Test
    void profileAndJsonAreGlobalBeforeOrAfterTheCommand() {
        leaf(KeysCommand.ListKeys.class, "--profile", "prod", "--json", "keys", "list", "a");
        assertEquals("prod", warden.profile);
        assertTrue(warden.json);
        Warden other = new Warden(Map.of(), new ByteArrayInputStream(new byte[0]), null);
        new CommandLine(other).parseArgs("keys", "list", "a", "--json", "--profile", "staging");
        assertEquals("staging", other.profile);
        assertTrue(other.json);
        Warden plain = new Warden(Map.of(), new ByteArrayInputStream(new byte[0]), null);
        new CommandLine(plain).parseArgs("keys", "list", "a");
        assertEquals("default", plain.profile);
        assertFalse(plain.json);
    }

    @Test
    void usageErrorsExit2() {
        Cli cli = new Cli(config);
        assertEquals(2, cli.run("keys", "create", "a").exit(), "--name is required");
        assertEquals(2, cli.run("keys", "create", "a", "--name", "p", "--env", "prod").exit());
        assertEquals(2, cli.run("keys", "create", "a", "--name", "p", "--expires", "soon").exit());
        assertEquals(2, cli.run("keys", "create", "a", "--name", "p", "--length", "10").exit());
        assertEquals(2, cli.run("keys", "rotate", "a").exit(), "--key is required");
        assertEquals(2, cli.run("logs", "a", "--since", "yesterday").exit());
        assertEquals(2, cli.run("logs", "a", "--filter", "auth failed").exit());
        assertEquals(2, cli.run("audit", "export", "a", "--format", "xml").exit());
        assertEquals(2, cli.run("login", "--user", "admin").exit(), "--url is required");
        assertEquals(2, cli.run("keys").exit(), "a group alone");
        assertEquals(2, cli.run().exit());
        assertEquals(2, cli.run("agent", "list").exit(), "no such command");
        assertEquals(2, cli.run("agents").exit(), "a group alone");
        assertEquals(2, cli.run("security", "mfa").exit(), "a group alone");
    }

    @Test
    void everyCommandHasHelp() {
        Cli cli = new Cli(config);
        List<List<String>> commands = List.of(List.of(), List.of("login"), List.of("logout"), List.of("keys"),
                List.of("keys", "create"), List.of("keys", "list"), List.of("keys", "rotate"), List.of("keys", "revoke"),
                List.of("logs"), List.of("audit"), List.of("audit", "export"), List.of("users"), List.of("users", "list"),
                List.of("users", "create"), List.of("users", "roles"), List.of("invoke"), List.of("sessions"),
                List.of("sessions", "create"), List.of("sessions", "show"), List.of("sessions", "end"), List.of("completion"),
                List.of("agents"), List.of("agents", "list"), List.of("agents", "get"), List.of("agents", "set"),
                List.of("security"), List.of("security", "mfa"), List.of("security", "mfa", "enable"),
                List.of("security", "mfa", "disable"), List.of("security", "mfa", "require"), List.of("security", "rotation"),
                List.of("security", "ratelimit"), List.of("security", "https"), List.of("security", "whitelist"),
                List.of("security", "whitelist", "add"), List.of("security", "whitelist", "remove"),
                List.of("security", "whitelist", "list"), List.of("webhooks"), List.of("webhooks", "secret"),
                List.of("alerts"), List.of("alerts", "create"), List.of("alerts", "list"), List.of("alerts", "delete"),
                List.of("accounts"), List.of("accounts", "create"), List.of("accounts", "credentials"), List.of("me"),
                List.of("me", "mfa"), List.of("me", "mfa", "enrol"), List.of("me", "mfa", "disable"));
        for (List<String> command : commands) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            Cli.Result result = cli.run(args);
            assertEquals(0, result.exit(), command + ": " + result);
            assertTrue(result.out().startsWith("Usage: warden"), command + ": " + result);
            assertTrue(result.out().contains("--json"), command + ": " + result);
        }
    }

    @Test
    void completionPrintsABashScript() {
        Cli.Result result = new Cli(config).run("completion", "bash");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("#!/usr/bin/env bash"));
        assertTrue(result.out().contains("keys") && result.out().contains("rotate"));
        assertTrue(result.out().contains("whitelist") && result.out().contains("enrol") && result.out().contains("--mfa-code"));
        assertEquals(2, new Cli(config).run("completion", "fish").exit());
    }
}
