package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/agents}: the config document, its validation and versions, deleting and re-enabling an agent. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentConfigIT {

    private static final String SUPPORT = "api/agents/support-agent";
    private static final String SECURE = "api/agents/secure-agent";
    private static final String VALID = "{\"security\":{\"ipWhitelist\":{\"enabled\":false,\"addresses\":[\"203.0.113.0/24\","
            + "\"2001:db8::/32\"]},\"rateLimit\":{\"enabled\":true,\"requests\":100,\"window\":\"1m\"},"
            + "\"rotation\":{\"interval\":\"90d\"}}}";

    @ArquillianResource
    private URL base;
    private Http http;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(), SupportAgent.class);
    }

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private HttpResponse<String> put(String path, String body, String ifMatch) {
        return Http.send(http.request(path).header("Authorization", Http.admin())
                .header("Content-Type", "application/json").header("If-Match", ifMatch == null ? "*" : ifMatch)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static JsonObject errorAt(HttpResponse<String> response, String pointer) {
        JsonObject problem = assertProblem(response, 400, "validation_failed");
        for (JsonValue error : problem.getJsonArray("errors")) {
            if (pointer.equals(error.asJsonObject().getString("pointer"))) {
                return error.asJsonObject();
            }
        }
        throw new AssertionError("no error at " + pointer + ": " + response.body());
    }

    @Test
    void anAgentIsShownWithItsFunctionsAndDefaultConfig() {
        HttpResponse<String> response = http.get(SECURE, Http.admin());
        assertEquals(200, response.statusCode(), response.body());
        JsonObject agent = object(response.body());
        assertEquals("secure-agent", agent.getString("name"));
        assertTrue(agent.getBoolean("enabled"));
        assertTrue(response.headers().firstValue("ETag").isPresent());
        assertFalse(agent.getJsonObject("config").getJsonObject("security").getJsonObject("ipWhitelist")
                .getBoolean("enabled"));
        assertTrue(agent.getJsonArray("functions").stream().map(JsonValue::asJsonObject)
                .anyMatch(f -> f.getString("name").equals("transfer_funds") && f.getBoolean("secure")));
    }

    @Test
    void theListHasEveryAgentWithItsControls() {
        HttpResponse<String> response = http.get("api/agents", Http.admin());
        assertEquals(200, response.statusCode(), response.body());
        JsonArray agents = Json.createReader(new StringReader(response.body())).readArray();
        assertTrue(agents.stream().map(JsonValue::asJsonObject).anyMatch(a -> a.getString("name").equals("support-agent")
                && a.getJsonObject("controls").containsKey("ip_whitelist")), response.body());
    }

    @Test
    void aConfigIsStoredAndReadBackWithANewVersion() {
        String before = etag(http.get(SECURE, Http.admin()));
        HttpResponse<String> saved = put(SECURE, VALID, before);
        assertEquals(200, saved.statusCode(), saved.body());
        assertFalse(before.equals(etag(saved)));
        JsonObject config = object(http.get(SECURE, Http.admin()).body()).getJsonObject("config");
        assertEquals("[\"203.0.113.0/24\",\"2001:db8::/32\"]", config.getJsonObject("security")
                .getJsonObject("ipWhitelist").getJsonArray("addresses").toString());
        assertEquals("90d", config.getJsonObject("security").getJsonObject("rotation").getString("interval"));
    }

    @Test
    void anUnknownKeyIsRefusedByPointer() {
        errorAt(put(SECURE, "{\"security\":{\"ipWhitelist\":{\"enabled\":true,\"adresses\":[]}}}", null),
                "/security/ipWhitelist/adresses");
    }

    @Test
    void aBadCidrIsRefusedByPointer() {
        errorAt(put(SECURE, "{\"security\":{\"ipWhitelist\":{\"enabled\":true,\"addresses\":[\"10.0.0.0/33\"]}}}", null),
                "/security/ipWhitelist/addresses/0");
    }

    @Test
    void aBadDurationIsRefusedByPointer() {
        errorAt(put(SECURE, "{\"security\":{\"rateLimit\":{\"enabled\":true,\"requests\":5,\"window\":\"5x\"}}}", null),
                "/security/rateLimit/window");
    }

    @Test
    void aNegativeLimitIsRefusedByPointer() {
        errorAt(put(SECURE, "{\"security\":{\"rateLimit\":{\"enabled\":true,\"requests\":-1,\"window\":\"1m\"}}}", null),
                "/security/rateLimit/requests");
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String stale = etag(http.get(SUPPORT, Http.admin()));
        assertEquals(200, put(SUPPORT, "{\"security\":{\"enforceHttps\":false}}", stale).statusCode());
        assertProblem(put(SUPPORT, VALID, stale), 412, "precondition_failed");
        JsonObject security = object(http.get(SUPPORT, Http.admin()).body()).getJsonObject("config")
                .getJsonObject("security");
        assertFalse(security.getJsonObject("rateLimit").getBoolean("enabled"));
    }

    @Test
    void aChangeIsAuditedWithThePathsItTouched() {
        assertEquals(200, put(SECURE, "{\"security\":{\"hsts\":{\"enabled\":true,\"maxAge\":600}}}", null).statusCode());
        JsonArray events = new AuditApi(http).awaitEvents("filter=config.updated",
                e -> e.toString().contains("/security/hsts/maxAge"));
        assertTrue(events.toString().contains("/security/hsts/enabled"), events.toString());
    }

    @Test
    void theSchemaIsPublic() {
        HttpResponse<String> schema = http.get("api/schema/agent-config.json", null);
        assertEquals(200, schema.statusCode());
        assertEquals("application/schema+json", schema.headers().firstValue("Content-Type").orElse(""));
        assertTrue(object(schema.body()).containsKey("$schema"), schema.body());
    }

    @Test
    void aDeletedAgentsRoutesAre404() {
        assertEquals(204, http.json("DELETE", SUPPORT, null, Http.admin()).statusCode());
        try {
            HttpResponse<String> swml = http.get("support");
            assertEquals(404, swml.statusCode());
            assertEquals("{\"error\":\"Path not found\"}", swml.body());
            assertFalse(object(http.get(SUPPORT, Http.admin()).body()).getBoolean("enabled"));
        } finally {
            assertEquals(200, http.json("POST", SUPPORT + "/enable", null, Http.admin()).statusCode());
        }
    }

    @Test
    void aDeletedAgentsKeysAreRevoked() {
        HttpResponse<String> created = http.json("POST", SUPPORT + "/keys", "{\"name\":\"doomed\"}", Http.admin());
        String key = object(created.body()).getString("key");
        assertEquals(200, http.json("POST", SUPPORT + "/invoke", "{\"message\":\"hi\"}", "Bearer " + key).statusCode());
        assertEquals(204, http.json("DELETE", SUPPORT, null, Http.admin()).statusCode());
        try {
            Problems.assertUnauthorized(http.json("POST", SUPPORT + "/invoke", "{\"message\":\"hi\"}", "Bearer " + key),
                    "api_key_revoked", true);
        } finally {
            http.json("POST", SUPPORT + "/enable", null, Http.admin());
        }
    }

    @Test
    void aSecondDeleteIs404() {
        assertEquals(204, http.json("DELETE", SUPPORT, null, Http.admin()).statusCode());
        try {
            assertProblem(http.json("DELETE", SUPPORT, null, Http.admin()), 404, "not_found");
        } finally {
            http.json("POST", SUPPORT + "/enable", null, Http.admin());
        }
    }

    @Test
    void anEnabledAgentIsServedAgain() {
        assertEquals(204, http.json("DELETE", SUPPORT, null, Http.admin()).statusCode());
        HttpResponse<String> enabled = http.json("POST", SUPPORT + "/enable", null, Http.admin());
        assertTrue(object(enabled.body()).getBoolean("enabled"), enabled.body());
        assertEquals(200, http.get("support").statusCode());
    }

    @Test
    void deletingNeedsTheAdminRole() {
        new AuditApi(http).createUser("dev-config", "dev-Password-0123456789", "developer");
        assertProblem(http.json("DELETE", SUPPORT, null, Http.basic("dev-config", "dev-Password-0123456789")), 403,
                "forbidden");
        assertTrue(object(http.get(SUPPORT, Http.admin()).body()).getBoolean("enabled"));
    }

    private String lastKeyId;

    private String supportKeyUnderRotation(String interval) {
        HttpResponse<String> set = put(SUPPORT, "{\"security\":{\"rotation\":{\"interval\":\"" + interval + "\"}}}", null);
        assertEquals(200, set.statusCode(), set.body());
        HttpResponse<String> created = http.json("POST", SUPPORT + "/keys", "{\"name\":\"rotating\"}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        lastKeyId = object(created.body()).getString("id");
        return object(created.body()).getString("key");
    }

    private HttpResponse<String> invokeSupport(String key) {
        return http.json("POST", SUPPORT + "/invoke", "{\"message\":\"hi\"}", "Bearer " + key);
    }

    @Test
    void aKeyIsRefusedOnceTheRotationIntervalHasPassed() {
        String key = supportKeyUnderRotation("1d");
        try {
            http.advanceClock(java.time.Duration.ofHours(23).plusMinutes(59));
            assertEquals(200, invokeSupport(key).statusCode());
            http.advanceClock(java.time.Duration.ofMinutes(2));
            Problems.assertUnauthorized(invokeSupport(key), "api_key_expired", true);
        } finally {
            put(SUPPORT, "{}", null);
        }
    }

    @Test
    void theKeyListShowsWhenRotationIsDue() {
        supportKeyUnderRotation("5d");
        try {
            JsonArray keys = Json.createReader(new StringReader(http.get(SUPPORT + "/keys", Http.admin()).body()))
                    .readArray();
            JsonObject rotating = keys.stream().map(JsonValue::asJsonObject)
                    .filter(k -> k.getString("name").equals("rotating")).findFirst().orElseThrow();
            assertTrue(rotating.getBoolean("rotation_due"), rotating.toString());
            assertFalse(rotating.isNull("rotation_due_at"), rotating.toString());
        } finally {
            put(SUPPORT, "{}", null);
        }
    }

    @Test
    void aComingRotationIsAuditedOnce() {
        String key = supportKeyUnderRotation("3d");
        try {
            assertEquals(200, invokeSupport(key).statusCode());
            assertEquals(200, invokeSupport(key).statusCode());
            long deadline = System.nanoTime() + 15_000_000_000L;
            JsonArray events;
            do {
                events = Json.createReader(new StringReader(http.get(SUPPORT + "/audit?filter=api_key.rotation_due",
                        Http.admin()).body())).readArray();
            } while (!events.toString().contains(lastKeyId) && System.nanoTime() < deadline);
            assertEquals(1, events.stream().filter(e -> e.toString().contains(lastKeyId)).count(), events.toString());
        } finally {
            put(SUPPORT, "{}", null);
        }
    }


    /**
     * Limits support-agent's /api routes to {@code requests} a minute on a frozen clock; the admin's calls are counted.
     * Each test takes its own number: a bucket is per limit, so no test inherits another's.
     */
    private void limitSupport(int requests) {
        http.freezeClock();
        HttpResponse<String> set = put(SUPPORT, "{\"security\":{\"rateLimit\":{\"enabled\":true,\"requests\":"
                + requests + ",\"window\":\"1m\"}}}", null);
        assertEquals(200, set.statusCode(), set.body());
    }

    private void unlimitSupport() {
        http.advanceClock(java.time.Duration.ofMinutes(2));
        assertEquals(200, put(SUPPORT, "{}", null).statusCode());
        http.releaseClock();
    }

    @Test
    void aLimitedRouteAnswers429WithItsHeaders() {
        limitSupport(3);
        try {
            HttpResponse<String> first = http.get(SUPPORT + "/keys", Http.admin());
            assertEquals(200, first.statusCode());
            assertEquals("3", first.headers().firstValue("RateLimit-Limit").orElse(""));
            assertEquals("2", first.headers().firstValue("RateLimit-Remaining").orElse(""));
            http.get(SUPPORT + "/keys", Http.admin());
            http.get(SUPPORT + "/keys", Http.admin());
            HttpResponse<String> limited = http.get(SUPPORT + "/keys", Http.admin());
            assertProblem(limited, 429, "rate_limited");
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertEquals("0", limited.headers().firstValue("RateLimit-Remaining").orElse(""));
        } finally {
            unlimitSupport();
        }
    }

    @Test
    void aLimitedRouteRecoversAfterItsWindow() {
        limitSupport(4);
        try {
            for (int i = 0; i < 4; i++) {
                http.get(SUPPORT + "/keys", Http.admin());
            }
            assertEquals(429, http.get(SUPPORT + "/keys", Http.admin()).statusCode());
            http.advanceClock(java.time.Duration.ofMinutes(1));
            assertEquals(200, http.get(SUPPORT + "/keys", Http.admin()).statusCode());
        } finally {
            unlimitSupport();
        }
    }

    @Test
    void anUnlimitedRouteCarriesNoRateLimitHeaders() {
        assertEquals(200, put(SUPPORT, "{}", null).statusCode());
        HttpResponse<String> response = http.get(SUPPORT + "/keys", Http.admin());
        assertEquals(200, response.statusCode());
        assertFalse(response.headers().firstValue("RateLimit-Limit").isPresent());
    }

}
