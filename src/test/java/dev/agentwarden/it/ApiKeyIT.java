package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Problems.assertUnauthorized;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API key lifecycle of the seed ({@code keys create|list|rotate|revoke}) and every refusal it implies. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiKeyIT {

    private static final String KEYS = "api/agents/secure-agent/keys";
    private static final String INVOKE = "api/agents/secure-agent/invoke";
    private static final String HELLO = "{\"message\":\"Hello\"}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(java.util.Map.of(), SupportAgent.class);
    }

    @ArquillianResource
    private URL base;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private JsonObject create(String body) {
        HttpResponse<String> response = http.json("POST", KEYS, body, Http.admin());
        assertEquals(201, response.statusCode(), response.body());
        return object(response.body());
    }

    private HttpResponse<String> invokeWith(String key) {
        return http.json("POST", INVOKE, HELLO, "Bearer " + key);
    }

    @Test
    void aCreatedKeyIsShownOnceInTheSeedsFormat() {
        JsonObject key = create("{\"name\":\"production\"}");
        assertTrue(key.getString("key").matches("sk_live_[A-Za-z0-9]{38}"), key.getString("key"));
        assertEquals(key.getString("key").substring(0, 12), key.getString("prefix"));
        assertEquals("active", key.getString("status"));
        JsonArray listed = Swml.array(http.get(KEYS, Http.admin()).body());
        assertFalse(http.get(KEYS, Http.admin()).body().contains(key.getString("key")));
        assertTrue(listed.stream().anyMatch(k -> k.asJsonObject().getString("id").equals(key.getString("id"))));
    }

    @Test
    void aKeyOf64CharactersForTheTestEnvironment() {
        JsonObject key = create("{\"name\":\"ci\",\"length\":64,\"environment\":\"test\"}");
        assertTrue(key.getString("key").matches("sk_test_[A-Za-z0-9]{70}"), key.getString("key"));
    }

    @Test
    void aKeyInvokesItsAgent() {
        HttpResponse<String> response = invokeWith(create("{\"name\":\"app\"}").getString("key"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("secure-agent", object(response.body()).getString("agent"));
    }

    @Test
    void aKeyRecordsItsLastUse() throws InterruptedException {
        JsonObject key = create("{\"name\":\"used\"}");
        invokeWith(key.getString("key"));
        JsonObject listed = Swml.array(http.get(KEYS, Http.admin()).body()).stream().map(v -> v.asJsonObject())
                .filter(k -> k.getString("id").equals(key.getString("id"))).findFirst().orElseThrow();
        assertFalse(listed.isNull("last_used_at"));
    }

    @Test
    void aKeyCannotInvokeAnotherAgent() {
        HttpResponse<String> response = http.json("POST", "api/agents/support-agent/invoke", HELLO,
                "Bearer " + create("{\"name\":\"narrow\"}").getString("key"));
        assertProblem(response, 403, "forbidden");
    }

    @Test
    void aKeyCannotManageKeys() {
        HttpResponse<String> response = http.get(KEYS, "Bearer " + create("{\"name\":\"no-admin\"}").getString("key"));
        assertProblem(response, 403, "forbidden");
    }

    @Test
    void aRevokedKeyIs401ApiKeyRevoked() {
        JsonObject key = create("{\"name\":\"to-revoke\"}");
        assertEquals(204, http.json("DELETE", KEYS + "/" + key.getString("id"), null, Http.admin()).statusCode());
        assertUnauthorized(invokeWith(key.getString("key")), "api_key_revoked", true);
    }

    @Test
    void anExpiredKeyIs401ApiKeyExpired() {
        JsonObject key = create("{\"name\":\"short\",\"expires_in\":\"1m\"}");
        assertEquals(200, invokeWith(key.getString("key")).statusCode());
        http.advanceClock(java.time.Duration.ofSeconds(61));
        assertUnauthorized(invokeWith(key.getString("key")), "api_key_expired", true);
    }

    @Test
    void rotationWithoutGraceStopsTheOldKeyAtOnce() {
        JsonObject old = create("{\"name\":\"rotate-now\"}");
        HttpResponse<String> rotated = http.json("POST", KEYS + "/" + old.getString("id") + "/rotate", "{}", Http.admin());
        assertEquals(201, rotated.statusCode(), rotated.body());
        assertUnauthorized(invokeWith(old.getString("key")), "api_key_revoked", true);
        assertEquals(200, invokeWith(object(rotated.body()).getString("key")).statusCode());
    }

    @Test
    void rotationWithGraceKeepsTheOldKeyUntilTheGraceEnds() {
        JsonObject old = create("{\"name\":\"rotate-grace\"}");
        HttpResponse<String> rotated = http.json("POST", KEYS + "/" + old.getString("id") + "/rotate",
                "{\"grace\":\"1h\"}", Http.admin());
        assertEquals(201, rotated.statusCode());
        http.advanceClock(java.time.Duration.ofMinutes(59));
        assertEquals(200, invokeWith(old.getString("key")).statusCode());
        http.advanceClock(java.time.Duration.ofMinutes(2));
        assertUnauthorized(invokeWith(old.getString("key")), "api_key_revoked", true);
        assertEquals(200, invokeWith(object(rotated.body()).getString("key")).statusCode());
    }

    @Test
    void anUnknownKeyIs401InvalidCredentials() {
        String real = create("{\"name\":\"template\"}").getString("key");
        String other = real.substring(0, 12) + (real.charAt(12) == 'a' ? 'b' : 'a') + real.substring(13);
        assertUnauthorized(invokeWith(other), "invalid_credentials", true);
    }

    @Test
    void aKeyWithABadChecksumIs401InvalidCredentials() {
        assertUnauthorized(invokeWith("sk_live_" + "A".repeat(38)), "invalid_credentials", true);
    }

    @Test
    void noCredentialsIs401WithABearerChallenge() {
        assertUnauthorized(http.json("POST", INVOKE, HELLO, null), "invalid_credentials", false);
    }

    @Test
    void aKeyWithoutANameIs400() {
        assertProblem(http.json("POST", KEYS, "{}", Http.admin()), 400, "validation_failed");
    }

    @Test
    void aKeyOfTenCharactersIs400() {
        assertProblem(http.json("POST", KEYS, "{\"name\":\"x\",\"length\":10}", Http.admin()), 400, "validation_failed");
    }

    @Test
    void aBadExpiryIs400() {
        assertProblem(http.json("POST", KEYS, "{\"name\":\"x\",\"expires_in\":\"soon\"}", Http.admin()), 400,
                "validation_failed");
    }

    @Test
    void keysOfAnUnknownAgentAre404() {
        assertProblem(http.get("api/agents/nobody/keys", Http.admin()), 404, "not_found");
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        assertProblem(http.json("DELETE", KEYS + "/no-such-id", null, Http.admin()), 404, "not_found");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(http.json("POST", KEYS, "{bad", Http.admin()), 400, "validation_failed");
    }

    @Test
    void aWrongAdminPasswordIs401() {
        assertUnauthorized(http.get(KEYS, Http.basic(Deployments.ADMIN, "wrong-password-123")), "invalid_credentials",
                false);
    }
}
