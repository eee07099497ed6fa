package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MFA (TOTP) end to end: enrolment and confirmation, sign-in with and without a code, single use, recovery codes, the
 * lockout after five wrong codes, Basic with {@code X-MFA-Code}, the operations an agent's config protects, turning
 * it off and an admin's reset. The codes are computed here (RFC 6238 with the JDK's HMAC, independently of the
 * product) for the server's frozen clock, which the tests move forward a time step at a time. Every test makes its own
 * user, so their codes, lockouts and token limits never meet.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MfaIT {

    private static final String PASSWORD = "mfa-User-Password-0123456789";
    private static final String AGENT = "support-agent";
    private static final String ALL_OPERATIONS = "{\"mfa\":{\"enabled\":true,\"operations\":[\"update\",\"delete\","
            + "\"keys\",\"export\",\"whitelist\"]}}";

    @ArquillianResource
    private URL base;
    private Http http;
    private Instant now;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(), SupportAgent.class);
    }

    @BeforeEach
    void client() {
        http = new Http(base);
        http.freezeClock();
        now = http.advanceClock(Duration.ofSeconds(30));
    }

    @AfterEach
    void release() {
        http.releaseClock();
    }

    /** A person with MFA on: name, base32 seed, recovery codes. */
    private record Person(String name, String secret, List<String> recoveryCodes) {
        String basic() {
            return Http.basic(name, PASSWORD);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private String newUser(String role) {
        String name = "mfa-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.json("POST", "api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + PASSWORD + "\",\"roles\":[\"" + role + "\"]}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    private HttpResponse<String> enrol(String authorization) {
        return http.json("POST", "api/me/mfa", null, authorization);
    }

    private HttpResponse<String> confirm(String authorization, String code) {
        return http.json("POST", "api/me/mfa/confirm", "{\"code\":\"" + code + "\"}", authorization);
    }

    /** A new admin with MFA on (enrolled and confirmed). */
    private Person person() {
        String name = newUser("admin");
        HttpResponse<String> enrolled = enrol(Http.basic(name, PASSWORD));
        assertEquals(201, enrolled.statusCode(), enrolled.body());
        String secret = object(enrolled.body()).getString("secret");
        HttpResponse<String> confirmed = confirm(Http.basic(name, PASSWORD), totp(secret, now));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        List<String> codes = object(confirmed.body()).getJsonArray("recovery_codes").getValuesAs(JsonValue::toString)
                .stream().map(s -> s.replace("\"", "")).toList();
        return new Person(name, secret, codes);
    }

    /** A code for the next time step (the previous one may be used up). */
    private String nextCode(Person person) {
        now = http.advanceClock(Duration.ofSeconds(30));
        return totp(person.secret(), now);
    }

    private HttpResponse<String> token(String user, String mfaCode) {
        String body = "{\"grant_type\":\"password\",\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\""
                + (mfaCode == null ? "" : ",\"mfa_code\":\"" + mfaCode + "\"") + "}";
        return http.json("POST", "api/auth/token", body, null);
    }

    private String bearer(Person person) {
        HttpResponse<String> issued = token(person.name(), nextCode(person));
        assertEquals(200, issued.statusCode(), issued.body());
        return "Bearer " + object(issued.body()).getString("access_token");
    }

    private static JsonObject claims(HttpResponse<String> issued) {
        String jwt = object(issued.body()).getString("access_token");
        return object(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> withCode(String method, String path, String json, String authorization, String code) {
        HttpRequest.Builder request = http.request(path).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (code != null) {
            request.header("X-MFA-Code", code);
        }
        return Http.send(request);
    }

    /** PUT of the support agent's config (If-Match: *). */
    private HttpResponse<String> putConfig(String authorization, String code) {
        return withCode("PUT", "api/agents/" + AGENT, "{\"security\":" + ALL_OPERATIONS + "}", authorization, code);
    }

    /**
     * Runs {@code test} with the support agent's MFA on for every operation, set and put back by an admin of its own
     * with MFA (Basic + {@code X-MFA-Code}): once the config requires MFA for updates, only such a person may change
     * it back.
     */
    private void withAllOperations(Runnable test) {
        Person keeper = person();
        HttpResponse<String> before = withCode("GET", "api/agents/" + AGENT, null, keeper.basic(), nextCode(keeper));
        assertEquals(200, before.statusCode(), before.body());
        String previous = object(before.body()).getJsonObject("config").toString();
        HttpResponse<String> set = putConfig(keeper.basic(), nextCode(keeper));
        assertEquals(200, set.statusCode(), set.body());
        try {
            test.run();
        } finally {
            HttpResponse<String> restored = withCode("PUT", "api/agents/" + AGENT, previous, keeper.basic(),
                    nextCode(keeper));
            assertEquals(200, restored.statusCode(), restored.body());
        }
    }

    /** The platform's audit events of {@code type} (no agent), polled until one names {@code user} (at most 15 s). */
    private JsonArray awaitPlatformEvent(String type, String user) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            HttpResponse<String> response = http.get("api/audit?filter=" + type, Http.admin());
            JsonArray events = AuditApi.array(response);
            if (events.stream().anyMatch(v -> v.toString().contains("\"" + user + "\"")) || System.nanoTime() > deadline) {
                return events;
            }
            AuditApi.sleep(100);
        }
    }

    private static void assertChallenged(HttpResponse<String> response, String code) {
        assertProblem(response, 401, code);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm=\"agent-warden\""),
                response.headers().map().toString());
    }

    /** RFC 6238 TOTP of a base32 seed at {@code at} ({@link Totp}). */
    static String totp(String base32, Instant at) {
        return Totp.code(base32, at);
    }

    private static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    // --- enrolment -----------------------------------------------------------------------------------------------

    @Test
    void enrolmentAnswersTheSeedItsUriAndAQrCode() {
        String name = newUser("viewer");
        HttpResponse<String> enrolled = enrol(Http.basic(name, PASSWORD));
        assertEquals(201, enrolled.statusCode(), enrolled.body());
        assertEquals("no-store", enrolled.headers().firstValue("Cache-Control").orElse(""));
        JsonObject body = object(enrolled.body());
        String secret = body.getString("secret");
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertEquals("otpauth://totp/Agent%20Warden:" + name + "?secret=" + secret
                + "&issuer=Agent%20Warden&algorithm=SHA1&digits=6&period=30", body.getString("otpauth_uri"));
        byte[] png = Base64.getDecoder().decode(body.getString("qr_png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void nothingChangesUntilTheEnrolmentIsConfirmed() {
        String name = newUser("viewer");
        assertEquals(201, enrol(Http.basic(name, PASSWORD)).statusCode());
        HttpResponse<String> issued = token(name, null);
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals(List.of("pwd"), claims(issued).getJsonArray("amr").getValuesAs(JsonValue::toString).stream()
                .map(s -> s.replace("\"", "")).toList());
    }

    @Test
    void confirmingAnswersTenRecoveryCodes() {
        Person person = person();
        assertEquals(10, person.recoveryCodes().size());
        assertTrue(person.recoveryCodes().stream().allMatch(c -> c.matches("[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}")),
                person.recoveryCodes().toString());
        assertEquals(10, person.recoveryCodes().stream().distinct().count());
    }

    @Test
    void aWrongConfirmationCodeIsRefusedAndMfaStaysOff() {
        String name = newUser("viewer");
        String secret = object(enrol(Http.basic(name, PASSWORD)).body()).getString("secret");
        HttpResponse<String> refused = confirm(Http.basic(name, PASSWORD), otherCode(totp(secret, now)));
        JsonObject problem = assertProblem(refused, 400, "mfa_invalid");
        assertEquals("The code is not valid", problem.getString("detail"));
        assertEquals(200, token(name, null).statusCode());
    }

    @Test
    void confirmingWithoutAnEnrolmentIs409() {
        String name = newUser("viewer");
        assertProblem(confirm(Http.basic(name, PASSWORD), "123456"), 409, "conflict");
    }

    @Test
    void enrollingAgainWhileMfaIsOnIs409() {
        Person person = person();
        HttpResponse<String> again = withCode("POST", "api/me/mfa", null, person.basic(), nextCode(person));
        assertProblem(again, 409, "conflict");
        assertFalse(again.body().contains("secret\""), again.body());
    }

    @Test
    void anApiKeyCannotEnrol() {
        HttpResponse<String> key = http.json("POST", "api/agents/" + AGENT + "/keys", "{\"name\":\"mfa-enrol\"}",
                Http.admin());
        assertEquals(201, key.statusCode(), key.body());
        HttpResponse<String> refused = enrol("Bearer " + object(key.body()).getString("key"));
        assertProblem(refused, 403, "forbidden");
    }

    // --- sign-in -------------------------------------------------------------------------------------------------

    @Test
    void aTokenWithoutTheCodeIs401MfaRequired() {
        Person person = person();
        HttpResponse<String> refused = token(person.name(), null);
        JsonObject problem = assertProblem(refused, 401, "mfa_required");
        assertFalse(problem.containsKey("access_token"));
        assertTrue(refused.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void aTokenWithAWrongCodeIs401MfaInvalid() {
        Person person = person();
        assertProblem(token(person.name(), otherCode(nextCode(person))), 401, "mfa_invalid");
    }

    @Test
    void aTokenWithTheCodeCarriesAmrAndAuthTime() {
        Person person = person();
        HttpResponse<String> issued = token(person.name(), nextCode(person));
        assertEquals(200, issued.statusCode(), issued.body());
        JsonObject claims = claims(issued);
        assertEquals(List.of("pwd", "otp", "mfa"), claims.getJsonArray("amr").getValuesAs(JsonValue::toString).stream()
                .map(s -> s.replace("\"", "")).toList());
        assertEquals(now.getEpochSecond(), claims.getJsonNumber("auth_time").longValue());
    }

    @Test
    void aCodeIsAcceptedOnce() {
        Person person = person();
        String code = nextCode(person);
        assertEquals(200, token(person.name(), code).statusCode());
        assertProblem(token(person.name(), code), 401, "mfa_invalid");
    }

    @Test
    void theConfirmationCodeCannotSignIn() {
        String name = newUser("viewer");
        String secret = object(enrol(Http.basic(name, PASSWORD)).body()).getString("secret");
        String code = totp(secret, now);
        assertEquals(200, confirm(Http.basic(name, PASSWORD), code).statusCode());
        assertProblem(token(name, code), 401, "mfa_invalid");
    }

    @Test
    void aRecoveryCodeWorksOnce() {
        Person person = person();
        String recovery = person.recoveryCodes().get(3);
        HttpResponse<String> issued = token(person.name(), recovery);
        assertEquals(200, issued.statusCode(), issued.body());
        assertProblem(token(person.name(), recovery), 401, "mfa_invalid");
    }

    @Test
    void aRecoveryCodeUseIsAudited() {
        Person person = person();
        assertEquals(200, token(person.name(), person.recoveryCodes().get(0).toUpperCase()).statusCode());
        JsonArray events = awaitPlatformEvent("mfa.recovery_used", person.name());
        assertTrue(events.stream().anyMatch(v -> v.toString().contains(person.name())), events.toString());
    }

    @Test
    void fiveWrongCodesLockTheSixthAttemptOut() {
        Person person = person();
        String valid = nextCode(person);
        for (int i = 0; i < 5; i++) {
            assertProblem(token(person.name(), otherCode(valid)), 401, "mfa_invalid");
        }
        HttpResponse<String> locked = token(person.name(), valid);
        assertProblem(locked, 429, "rate_limited");
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void theLockoutEndsWithItsWindow() {
        Person person = person();
        String wrong = otherCode(nextCode(person));
        for (int i = 0; i < 5; i++) {
            token(person.name(), wrong);
        }
        now = http.advanceClock(Duration.ofMinutes(5));
        assertEquals(200, token(person.name(), totp(person.secret(), now)).statusCode());
    }

    /** Locks {@code person} out with five wrong codes; answers the Retry-After of the next attempt, a right code. */
    private long lockOut(Person person) {
        String wrong = otherCode(nextCode(person));
        for (int i = 0; i < 5; i++) {
            token(person.name(), wrong);
        }
        HttpResponse<String> locked = token(person.name(), totp(person.secret(), now));
        assertProblem(locked, 429, "rate_limited");
        return Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aLockedOutSignInIsStillRefusedASecondBeforeItsRetryAfter() {
        Person person = person();
        long retryAfter = lockOut(person);
        now = http.advanceClock(Duration.ofSeconds(retryAfter - 1));
        assertProblem(token(person.name(), totp(person.secret(), now)), 429, "rate_limited");
    }

    @Test
    void aLockedOutSignInIsTakenOnceItsRetryAfterHasPassed() {
        Person person = person();
        long retryAfter = lockOut(person);
        now = http.advanceClock(Duration.ofSeconds(retryAfter));
        HttpResponse<String> issued = token(person.name(), totp(person.secret(), now));
        assertEquals(200, issued.statusCode(), issued.body());
    }

    @Test
    void basicLockedOutIsStillRefusedASecondBeforeItsRetryAfter() {
        Person person = person();
        String wrong = otherCode(nextCode(person));
        for (int i = 0; i < 5; i++) {
            withCode("GET", "api/agents", null, person.basic(), wrong);
        }
        HttpResponse<String> locked = withCode("GET", "api/agents", null, person.basic(), totp(person.secret(), now));
        assertProblem(locked, 429, "rate_limited");
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        now = http.advanceClock(Duration.ofSeconds(retryAfter - 1));
        assertProblem(withCode("GET", "api/agents", null, person.basic(), totp(person.secret(), now)), 429,
                "rate_limited");
    }

    @Test
    void basicWithoutACodeIs401MfaRequired() {
        Person person = person();
        assertChallenged(http.get("api/agents", person.basic()), "mfa_required");
    }

    @Test
    void basicWithAWrongCodeIs401MfaInvalid() {
        Person person = person();
        assertChallenged(withCode("GET", "api/agents", null, person.basic(), otherCode(nextCode(person))),
                "mfa_invalid");
    }

    @Test
    void basicWithTheCodeIsServed() {
        Person person = person();
        HttpResponse<String> listed = withCode("GET", "api/agents", null, person.basic(), nextCode(person));
        assertEquals(200, listed.statusCode(), listed.body());
    }

    // --- operations the agent's config protects ------------------------------------------------------------------

    @Test
    void aProtectedUpdateWithoutACodeIs401MfaRequired() {
        Person person = person();
        String token = bearer(person);
        withAllOperations(() -> {
            http.advanceClock(Duration.ofMinutes(16));
            HttpResponse<String> refused = putConfig(token, null);
            assertProblem(refused, 401, "mfa_required");
            assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("")
                    .contains("error=\"insufficient_user_authentication\""));
        });
    }

    @Test
    void aProtectedUpdateWithAWrongCodeIs401MfaInvalid() {
        Person person = person();
        withAllOperations(() -> {
            now = http.advanceClock(Duration.ofMinutes(16));
            String token = bearerWithoutFreshMfa(person);
            assertProblem(putConfig(token, otherCode(nextCode(person))), 401, "mfa_invalid");
        });
    }

    /** A token whose second factor is older than 15 minutes. */
    private String bearerWithoutFreshMfa(Person person) {
        String token = bearer(person);
        now = http.advanceClock(Duration.ofMinutes(16));
        return token;
    }

    @Test
    void aProtectedUpdateWithAReusedCodeIs401MfaInvalid() {
        Person person = person();
        withAllOperations(() -> {
            String token = bearerWithoutFreshMfa(person);
            String code = nextCode(person);
            assertEquals(200, putConfig(token, code).statusCode());
            assertProblem(putConfig(token, code), 401, "mfa_invalid");
        });
    }

    @Test
    void aProtectedUpdateWithAValidCodeIsDone() {
        Person person = person();
        withAllOperations(() -> {
            String token = bearerWithoutFreshMfa(person);
            HttpResponse<String> done = putConfig(token, nextCode(person));
            assertEquals(200, done.statusCode(), done.body());
            assertTrue(object(done.body()).getJsonObject("config").getJsonObject("security").getJsonObject("mfa")
                    .getBoolean("enabled"));
        });
    }

    @Test
    void aTokenWithAFreshSecondFactorNeedsNoCode() {
        Person person = person();
        withAllOperations(() -> {
            String token = bearer(person);
            now = http.advanceClock(Duration.ofMinutes(14));
            assertEquals(200, putConfig(token, null).statusCode());
        });
    }

    @Test
    void aTokenWhoseSecondFactorIsOlderThan15MinutesNeedsACode() {
        Person person = person();
        withAllOperations(() -> {
            String token = bearerWithoutFreshMfa(person);
            assertProblem(putConfig(token, null), 401, "mfa_required");
        });
    }

    @Test
    void aUserWithoutMfaIsAskedToEnrol() {
        withAllOperations(() -> {
            HttpResponse<String> refused = putConfig(Http.admin(), null);
            JsonObject problem = assertProblem(refused, 401, "mfa_required");
            assertTrue(problem.getString("detail").contains("POST /api/me/mfa"), problem.toString());
        });
    }

    @Test
    void aProtectedDeleteWithoutACodeIs401AndTheAgentStays() {
        Person person = person();
        withAllOperations(() -> {
            String token = bearerWithoutFreshMfa(person);
            assertProblem(withCode("DELETE", "api/agents/" + AGENT, null, token, null), 401, "mfa_required");
            HttpResponse<String> agent = http.get("api/agents/" + AGENT, Http.admin());
            assertTrue(object(agent.body()).getBoolean("enabled"), agent.body());
        });
    }

    @Test
    void aProtectedKeyCreationWithoutACodeIs401() {
        Person person = person();
        withAllOperations(() -> assertProblem(withCode("POST", "api/agents/" + AGENT + "/keys",
                "{\"name\":\"needs-mfa\"}", bearerWithoutFreshMfa(person), null), 401, "mfa_required"));
    }

    @Test
    void aProtectedKeyCreationWithACodeIsDone() {
        Person person = person();
        withAllOperations(() -> {
            String token = bearerWithoutFreshMfa(person);
            HttpResponse<String> created = withCode("POST", "api/agents/" + AGENT + "/keys", "{\"name\":\"with-mfa\"}",
                    token, nextCode(person));
            assertEquals(201, created.statusCode(), created.body());
        });
    }

    @Test
    void aProtectedExportWithoutACodeIs401() {
        Person person = person();
        withAllOperations(() -> assertProblem(withCode("GET", "api/agents/" + AGENT + "/audit/export?period=1d",
                null, bearerWithoutFreshMfa(person), null), 401, "mfa_required"));
    }

    @Test
    void aProtectedWhitelistChangeWithoutACodeIs401() {
        Person person = person();
        withAllOperations(() -> assertProblem(withCode("POST", "api/agents/" + AGENT + "/security/whitelist",
                "{\"ip\":\"203.0.113.9\"}", bearerWithoutFreshMfa(person), null), 401, "mfa_required"));
    }

    @Test
    void anApiKeyIsRefusedAProtectedOperationWith403MfaRequired() {
        HttpResponse<String> key = http.json("POST", "api/agents/" + AGENT + "/keys", "{\"name\":\"mfa-op\"}",
                Http.admin());
        assertEquals(201, key.statusCode(), key.body());
        withAllOperations(() -> assertProblem(withCode("GET", "api/agents/" + AGENT + "/audit/export?period=1d", null,
                "Bearer " + object(key.body()).getString("key"), null), 403, "mfa_required"));
    }

    @Test
    void anOperationTheConfigDoesNotListNeedsNoCode() {
        AgentSecurity.with(http, AGENT, "{\"mfa\":{\"enabled\":true,\"operations\":[\"delete\"]}}", () -> {
            HttpResponse<String> created = http.json("POST", "api/agents/" + AGENT + "/keys", "{\"name\":\"no-mfa\"}",
                    Http.admin());
            assertEquals(201, created.statusCode(), created.body());
        });
    }

    // --- turning it off ------------------------------------------------------------------------------------------

    @Test
    void turningMfaOffTakesACode() {
        Person person = person();
        String token = bearerWithoutFreshMfa(person);
        assertProblem(withCode("DELETE", "api/me/mfa", null, token, null), 401, "mfa_required");
        assertEquals(401, token(person.name(), null).statusCode(), "MFA is still on");
    }

    @Test
    void turningMfaOffWithACodeSignsInWithoutOne() {
        Person person = person();
        String token = bearerWithoutFreshMfa(person);
        HttpResponse<String> off = withCode("DELETE", "api/me/mfa", null, token, nextCode(person));
        assertEquals(204, off.statusCode(), off.body());
        assertEquals(200, token(person.name(), null).statusCode());
    }

    @Test
    void anAdminResetsAUsersMfa() {
        Person person = person();
        HttpResponse<String> reset = http.json("DELETE", "api/users/" + person.name() + "/mfa", null, Http.admin());
        assertEquals(204, reset.statusCode(), reset.body());
        assertEquals(200, token(person.name(), null).statusCode());
        JsonArray events = awaitPlatformEvent("mfa.reset", person.name());
        assertTrue(events.stream().anyMatch(v -> v.toString().contains(person.name())), events.toString());
    }

    @Test
    void aViewerCannotResetAnotherUsersMfa() {
        Person person = person();
        String viewer = newUser("viewer");
        assertProblem(http.json("DELETE", "api/users/" + person.name() + "/mfa", null, Http.basic(viewer, PASSWORD)),
                403, "forbidden");
        assertNotEquals(200, token(person.name(), null).statusCode());
    }

    @Test
    void resettingAUserWithoutMfaIs404() {
        String name = newUser("viewer");
        assertProblem(http.json("DELETE", "api/users/" + name + "/mfa", null, Http.admin()), 404, "not_found");
    }
}
