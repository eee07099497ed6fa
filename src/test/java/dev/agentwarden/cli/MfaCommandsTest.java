package dev.agentwarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code me mfa}, {@code --mfa-code} and the one prompt-and-retry on 401 {@code mfa_required}, against a fake server. */
class MfaCommandsTest extends ServerTestBase {

    private static final String URI = "otpauth://totp/Agent%20Warden:admin?secret=JBSWY3DPEHPK3PXP&issuer=Agent%20Warden";
    private static final String KEYS = "/api/agents/my-agent/keys";
    private static final String ISSUED = "{\"id\":\"k1\",\"key\":\"sk_live_" + "B".repeat(32) + "\"}";

    @Test
    void enrolShowsTheQrCodeUriAndSecretThenConfirmsAndPrintsTheRecoveryCodes() {
        loggedIn();
        server.json("POST", "/api/me/mfa", 201, "{\"secret\":\"JBSWY3DPEHPK3PXP\",\"otpauth_uri\":\"" + URI
                + "\",\"qr_png\":\"iVBORw0KGgo=\"}");
        server.json("POST", "/api/me/mfa/confirm", 200, "{\"recovery_codes\":[\"aaaa-1111\",\"bbbb-2222\"]}");
        Cli.Result result = cli.stdin("123456\n").run("me", "mfa", "enrol");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("Scan this QR code with your authenticator app:\n\n" + QrText.render(URI)),
                result.out());
        assertTrue(result.out().contains("Or add it by hand: " + URI + "\nSecret: JBSWY3DPEHPK3PXP\n"), result.out());
        assertTrue(result.out().endsWith("MFA is on.\nRecovery codes (each works once, in place of a TOTP code):\n"
                + "  aaaa-1111\n  bbbb-2222\nStore these recovery codes somewhere safe now: they are not shown again.\n"),
                result.out());
        assertEquals("POST /api/me/mfa", server.seen().get(0).line());
        assertEquals("POST /api/me/mfa/confirm", server.seen().get(1).line());
        assertEquals("{\"code\":\"123456\"}", server.seen().get(1).body());
    }

    @Test
    void enrolWithAWrongCodeExits1AndWithoutOneExits2() {
        loggedIn();
        server.json("POST", "/api/me/mfa", 201, "{\"secret\":\"S\",\"otpauth_uri\":\"" + URI + "\"}");
        server.problem("POST", "/api/me/mfa/confirm", 401, "mfa_invalid", "The code is not valid");
        Cli.Result wrong = cli.stdin("000000\n").run("me", "mfa", "enrol");
        assertEquals(1, wrong.exit(), wrong.toString());
        assertEquals("Error: The code is not valid (mfa_invalid)\n", wrong.err());
        Cli.Result none = cli.stdin("").run("me", "mfa", "enrol");
        assertEquals(2, none.exit(), none.toString());
    }

    @Test
    void enrolJsonIsTwoLinesWithoutThePng() {
        loggedIn();
        server.json("POST", "/api/me/mfa", 201, "{\"secret\":\"S\",\"otpauth_uri\":\"" + URI + "\",\"qr_png\":\"iVBO\"}");
        server.json("POST", "/api/me/mfa/confirm", 200, "{\"recovery_codes\":[\"c1\"]}");
        Cli.Result result = cli.stdin("123456\n").run("--json", "me", "mfa", "enrol");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("{\"secret\":\"S\",\"otpauth_uri\":\"" + URI + "\"}\n{\"recovery_codes\":[\"c1\"]}\n", result.out());
    }

    @Test
    void disableSendsTheCodeAsXMfaCode() {
        loggedIn();
        server.answer("DELETE", "/api/me/mfa", new FakeServer.Answer(204, "text/plain", ""));
        Cli.Result result = cli.run("me", "mfa", "disable", "--mfa-code", "654321");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("MFA is off for your account.\n", result.out());
        assertEquals("DELETE /api/me/mfa", server.seen().get(0).line());
        assertEquals("654321", server.seen().get(0).header("X-MFA-Code"));
    }

    @Test
    void mfaRequiredAtATerminalAsksOnceAndRetriesWithTheCode() {
        loggedIn();
        server.sequence("POST", KEYS, FakeServer.problem(401, "mfa_required", "This operation needs MFA"),
                FakeServer.json(201, ISSUED));
        Cli.Result result = cli.interactive(true).stdin("111222\n").run("keys", "create", "my-agent", "--name", "p");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().startsWith("API Key: sk_live_"), result.out());
        assertEquals(2, server.seen().size());
        assertNull(server.seen().get(0).header("X-MFA-Code"));
        assertEquals("111222", server.seen().get(1).header("X-MFA-Code"));
        assertEquals(server.seen().get(0).body(), server.seen().get(1).body());
    }

    @Test
    void mfaRequiredWithoutATerminalExits1WithoutAsking() {
        loggedIn();
        server.problem("POST", KEYS, 401, "mfa_required", "This operation needs MFA");
        Cli.Result result = cli.stdin("111222\n").run("keys", "create", "my-agent", "--name", "p");
        assertEquals(1, result.exit(), result.toString());
        assertEquals("Error: This operation needs MFA (mfa_required)\n", result.err());
        assertEquals(1, server.seen().size());
    }

    @Test
    void aGivenMfaCodeIsSentAndNeverRetried() {
        loggedIn();
        server.problem("POST", KEYS, 401, "mfa_invalid", "The code is not valid");
        Cli.Result result = cli.interactive(true).stdin("999999\n").run("keys", "create", "my-agent", "--name", "p",
                "--mfa-code", "123456");
        assertEquals(1, result.exit(), result.toString());
        assertEquals(1, server.seen().size());
        assertEquals("123456", server.seen().get(0).header("X-MFA-Code"));
    }

    @Test
    void keysRotateRevokeAndAuditExportTakeMfaCode() {
        loggedIn();
        server.json("GET", KEYS, 200, "[{\"id\":\"k1\",\"prefix\":\"sk_live_AAAA\",\"status\":\"active\"}]")
                .json("POST", KEYS + "/k1/rotate", 201, ISSUED)
                .answer("DELETE", KEYS + "/k1", new FakeServer.Answer(204, "text/plain", ""))
                .answer("GET", "/api/agents/my-agent/audit/export?period=30d&format=ndjson",
                        new FakeServer.Answer(200, "application/x-ndjson", "{}\n"));
        assertEquals(0, cli.run("keys", "rotate", "my-agent", "--key", "k1", "--mfa-code", "1").exit());
        assertEquals(0, cli.run("keys", "revoke", "my-agent", "--key", "k1", "--mfa-code", "2").exit());
        assertEquals(0, cli.run("audit", "export", "my-agent", "--mfa-code", "3").exit());
        assertEquals("POST " + KEYS + "/k1/rotate", server.seen().get(1).line());
        assertEquals("1", server.seen().get(1).header("X-MFA-Code"));
        assertEquals("DELETE " + KEYS + "/k1", server.seen().get(3).line());
        assertEquals("2", server.seen().get(3).header("X-MFA-Code"));
        assertEquals("3", server.seen().get(4).header("X-MFA-Code"));
    }

    @Test
    void loginOnMfaRequiredAtATerminalAsksForTheCodeAndRetries() {
        server.sequence("POST", "/api/auth/token", FakeServer.problem(401, "mfa_required", "MFA code required"),
                FakeServer.json(200, "{\"access_token\":\"jwt-2\",\"expires_in\":60}"));
        Cli.Result result = cli.interactive(true).stdin("pw\n424242\n").run("login", "--url", server.url(), "--user", "a");
        assertEquals(0, result.exit(), result.toString());
        assertEquals("grant_type=password&username=a&password=pw", server.seen().get(0).body());
        assertEquals("grant_type=password&username=a&password=pw&mfa_code=424242", server.seen().get(1).body());
        assertEquals("jwt-2", new Profiles(config).get("default").token());
    }

    @Test
    void loginWithMfaCodeSendsItAtOnce() {
        server.json("POST", "/api/auth/token", 200, "{\"access_token\":\"jwt-3\"}");
        Cli.Result result = cli.stdin("pw\n").run("login", "--url", server.url(), "--user", "a", "--mfa-code", "777777");
        assertEquals(0, result.exit(), result.toString());
        assertEquals(1, server.seen().size());
        assertEquals("grant_type=password&username=a&password=pw&mfa_code=777777", server.seen().get(0).body());
        assertFalse(result.out().contains("777777"));
    }
}
