package dev.agentwarden.it;

import static dev.agentwarden.it.Swml.ai;
import static dev.agentwarden.it.Swml.call;
import static dev.agentwarden.it.Swml.function;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SWML and SWAIG over HTTP against the deployed WAR: the example agent at {@code /}, a second one at {@code /support}. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentRoutesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("SWML_MAX_REQUEST_SIZE", "65536", "SWML_RATE_LIMIT", "30"), SupportAgent.class);
    }

    @ArquillianResource
    private URL base;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private static String uniqueCall() {
        return "call-" + UUID.randomUUID();
    }

    private static void assertJsonError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(error, object(response.body()).getString("error"));
    }

    @Test
    void getRootServesTheSwmlDocumentInTheSdkShape() {
        HttpResponse<String> response = http.get("");
        assertEquals(200, response.statusCode());
        JsonObject swml = object(response.body());
        assertEquals("1.0.0", swml.getString("version"));
        assertTrue(swml.getJsonObject("sections").getJsonArray("main").getJsonObject(0).containsKey("answer"));
        JsonObject ai = ai(swml);
        assertEquals("Role", ai.getJsonObject("prompt").getJsonArray("pom").getJsonObject(0).getString("title"));
        assertEquals("Summarize the call as JSON.", ai.getJsonObject("post_prompt").getString("text"));
        String defaults = ai.getJsonObject("SWAIG").getJsonObject("defaults").getString("web_hook_url");
        assertTrue(defaults.matches("http://tester:tester-Password-0123456789@[^/]+/agent-warden/swaig/"), defaults);
        assertFalse(function(swml, "get_balance").containsKey("web_hook_url"));
        assertTrue(function(swml, "transfer_funds").getString("web_hook_url").startsWith(defaults + "?__token="));
        assertTrue(ai.getString("post_prompt_url").contains("/post_prompt/?__token="));
        assertEquals(500, ai.getJsonObject("params").getInt("end_of_speech_timeout"));
        assertEquals("rime.spore", ai.getJsonArray("languages").getJsonObject(0).getString("voice"));
    }

    @Test
    void postRootBindsTheFunctionTokensToTheCallId() {
        String callId = uniqueCall();
        HttpResponse<String> response = http.postJson("", "{\"call_id\":\"" + callId + "\"}");
        assertEquals(200, response.statusCode());
        String token = Swml.token(object(response.body()), "transfer_funds");
        String plain = new String(java.util.Base64.getDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(plain.startsWith(callId + ".transfer_funds."), plain);
    }

    @Test
    void getWithCallIdQueryBindsTheTokensToIt() {
        HttpResponse<String> response = http.get("?call_id=call-get-9999");
        String token = Swml.token(object(response.body()), "delete_account");
        String plain = new String(java.util.Base64.getDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(plain.startsWith("call-get-9999.delete_account."), plain);
    }

    @Test
    void aSpoofedHostHeaderDoesNotRedirectTheWebhooks() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .header("Host", "evil.example.com").GET());
        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains("evil.example.com"), response.body());
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .header("X-Forwarded-Host", "proxy.example.com").header("X-Forwarded-Proto", "https").GET());
        assertFalse(response.body().contains("proxy.example.com"), response.body());
        assertFalse(response.body().contains("https://"), response.body());
        assertTrue(response.headers().firstValue("Strict-Transport-Security").isEmpty());
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        HttpResponse<String> response = http.get("");
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("strict-origin-when-cross-origin", response.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void aPlainToolAnswers() {
        HttpResponse<String> response = http.postJson("swaig/", call("get_balance", "{}", uniqueCall()));
        assertEquals(200, response.statusCode());
        assertEquals("{\"response\":\"Balance is $150.00\"}", response.body());
    }

    @Test
    void argumentsComeFromRawWhenParsedIsAbsent() {
        HttpResponse<String> response = http.postJson("support/swaig",
                "{\"function\":\"echo\",\"argument\":{\"raw\":\"{\\\"tz\\\":\\\"Asia/Tokyo\\\"}\"},\"call_id\":\"c-raw\"}");
        assertEquals(200, response.statusCode());
        assertEquals("args={tz=Asia/Tokyo} call=c-raw", object(response.body()).getString("response"));
    }

    @Test
    void argumentsAreEmptyWhenNeitherParsedNorRawIsSent() {
        HttpResponse<String> response = http.postJson("support/swaig", "{\"function\":\"echo\",\"call_id\":\"c-none\"}");
        assertEquals("args={} call=c-none", object(response.body()).getString("response"));
    }

    @Test
    void anUnknownFunctionIsNamedBackAsTheSdkDoes() {
        HttpResponse<String> response = http.postJson("swaig/", "{\"function\":\"nope\",\"call_id\":\"c\"}");
        assertEquals(200, response.statusCode());
        assertEquals("{\"response\":\"Function 'nope' not found\"}", response.body());
    }

    @Test
    void aMissingFunctionNameIs400() {
        assertJsonError(http.postJson("swaig/", "{\"argument\":{}}"), 400, "Missing function name");
    }

    @Test
    void aMalformedFunctionNameIs400() {
        assertJsonError(http.postJson("swaig/", "{\"function\":\"../etc\"}"), 400, "Invalid function name format");
    }

    @Test
    void malformedJsonIs400() {
        assertJsonError(http.postJson("swaig/", "{not json"), 400, "Malformed JSON");
    }

    @Test
    void aJsonArrayBodyIs400() {
        assertJsonError(http.postJson("swaig/", "[1,2]"), 400, "Request body must be a JSON object");
    }

    @Test
    void aNonJsonContentTypeIs415() {
        HttpResponse<String> response = Http.send(http.request("swaig/").header("Authorization", Http.auth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("function=get_balance")));
        assertJsonError(response, 415, "Content-Type must be application/json");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"function\":\"get_balance\",\"pad\":\"" + "a".repeat(70_000) + "\"}";
        assertJsonError(http.postJson("swaig/", big), 413, "Request body too large");
    }

    @Test
    void argumentsThatFailTheSchemaNeverReachTheHandler() {
        HttpResponse<String> response = http.postJson("support/swaig",
                call("lookup_order", "{\"order_id\":\"not-a-number\"}", uniqueCall()));
        assertEquals(200, response.statusCode());
        String answer = object(response.body()).getString("response");
        assertTrue(answer.startsWith("Invalid arguments: ") && answer.contains("order_id"), answer);
    }

    @Test
    void aMissingRequiredArgumentFailsTheSchema() {
        HttpResponse<String> response = http.postJson("support/swaig", call("lookup_order", "{}", uniqueCall()));
        String answer = object(response.body()).getString("response");
        assertTrue(answer.startsWith("Invalid arguments: ") && answer.contains("order_id"), answer);
    }

    @Test
    void annotatedParametersAreBound() {
        HttpResponse<String> response = http.postJson("support/swaig",
                call("lookup_order", "{\"order_id\":42,\"with_items\":true}", uniqueCall()));
        assertEquals("Order 42 ships tomorrow (items)", object(response.body()).getString("response"));
    }

    @Test
    void theFunctionLimitAnswersAsTheSeedAfterTenCalls() {
        String callId = uniqueCall();
        for (int i = 0; i < 10; i++) {
            assertEquals("Balance is $150.00",
                    object(http.postJson("swaig/", call("get_balance", "{}", callId)).body()).getString("response"));
        }
        HttpResponse<String> limited = http.postJson("swaig/", call("get_balance", "{}", callId));
        assertEquals(200, limited.statusCode());
        assertEquals("You've made too many requests. Please wait a moment.", object(limited.body()).getString("response"));
    }

    @Test
    void theCallerLimitAnswers429AndRecovers() {
        String callId = uniqueCall();
        http.freezeClock();
        try {
            for (int i = 0; i < 30; i++) {
                assertEquals(200, http.postJson("support/swaig", call("echo", "{}", callId)).statusCode());
            }
            HttpResponse<String> limited = http.postJson("support/swaig", call("echo", "{}", callId));
            assertJsonError(limited, 429, "Rate limit exceeded");
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
            assertEquals("30", limited.headers().firstValue("RateLimit-Limit").orElse(""));
            assertEquals("0", limited.headers().firstValue("RateLimit-Remaining").orElse(""));
            http.advanceClock(java.time.Duration.ofSeconds(retryAfter));
            assertEquals(200, http.postJson("support/swaig", call("echo", "{}", callId)).statusCode());
        } finally {
            http.releaseClock();
        }
    }

    @Test
    void probingFunctionNamesCountsAgainstTheCallerLimit() {
        String callId = uniqueCall();
        http.freezeClock();
        try {
            for (int i = 0; i < 30; i++) {
                HttpResponse<String> probe = http.postJson("support/swaig", call("probe_" + i, "{}", callId));
                assertEquals("Function 'probe_" + i + "' not found", object(probe.body()).getString("response"));
            }
            HttpResponse<String> limited = http.postJson("support/swaig", call("echo", "{}", callId));
            assertJsonError(limited, 429, "Rate limit exceeded");
            assertEquals("30", limited.headers().firstValue("RateLimit-Limit").orElse(""));
        } finally {
            http.releaseClock();
        }
    }

    /**
     * The server's MicroProfile Health endpoint {@code path}: at the server's root on Payara Micro (the WAR is deployed
     * below its own context root here), on the management interface on WildFly ({@code warden.it.health.base}, set by
     * the wildfly profile).
     */
    private URI serverHealth(String path) {
        String healthBase = System.getProperty("warden.it.health.base");
        return healthBase == null ? http.uri(path) : URI.create(healthBase.replaceAll("/+$", "") + path);
    }

    /** Each check's status by its name, from a MicroProfile Health response. */
    private static Map<String, String> checkStatuses(JsonObject health) {
        Map<String, String> checks = new java.util.HashMap<>();
        health.getJsonArray("checks").forEach(c -> checks.put(c.asJsonObject().getString("name"),
                c.asJsonObject().getString("status")));
        return checks;
    }

    @Test
    void theServersHealthReportsTheStoreAndTheAuditQueueReady() {
        HttpResponse<String> ready = Http.send(HttpRequest.newBuilder(serverHealth("/health/ready")).GET());
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject health = object(ready.body());
        assertEquals("UP", health.getString("status"));
        Map<String, String> checks = checkStatuses(health);
        assertEquals("UP", checks.get("agent-warden-store"), ready.body());
        assertEquals("UP", checks.get("agent-warden-audit-queue"), ready.body());
    }

    @Test
    void theServersLivenessReportsTheAuditWriterRunning() {
        HttpResponse<String> live = Http.send(HttpRequest.newBuilder(serverHealth("/health/live")).GET());
        assertEquals(200, live.statusCode(), live.body());
        JsonObject health = object(live.body());
        assertEquals("UP", health.getString("status"));
        assertEquals("UP", checkStatuses(health).get("agent-warden-audit-writer"), live.body());
    }

    @Test
    void twoAgentsServeTwoRoutes() {
        JsonObject support = object(http.get("support").body());
        assertEquals("You are the support line.", ai(support).getJsonObject("prompt").getString("text"));
        assertTrue(ai(support).getJsonObject("SWAIG").getJsonObject("defaults").getString("web_hook_url")
                .endsWith("/agent-warden/support/swaig/"));
        function(support, "lookup_order");
        HttpResponse<String> foreign = http.postJson("support/swaig", call("get_balance", "{}", uniqueCall()));
        assertEquals("{\"response\":\"Function 'get_balance' not found\"}", foreign.body());
    }

    @Test
    void anUnknownPathUnderTheAgentsIs404() {
        assertJsonError(http.get("nonexistent"), 404, "Path not found");
    }

    @Test
    void anExtraSegmentAfterSwaigIs404() {
        assertJsonError(http.postJson("swaig/extra", call("get_balance", "{}", "c")), 404, "Path not found");
    }

    @Test
    void putOnAnAgentIs405() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertJsonError(response, 405, "Method Not Allowed");
    }

    @Test
    void thePostPromptCallbackAnswersSuccess() {
        HttpResponse<String> response = http.postJson("post_prompt/",
                "{\"call_id\":\"c1\",\"post_prompt_data\":{\"raw\":\"{}\",\"parsed\":[{}]}}");
        assertEquals(200, response.statusCode());
        assertEquals("{\"success\":true}", response.body());
    }

    @Test
    void healthNeedsNoCredentials() {
        HttpResponse<String> response = Http.send(http.request("health").GET());
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"healthy\"}", response.body());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void readyNeedsNoCredentials() {
        HttpResponse<String> response = Http.send(http.request("ready").GET());
        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ready\"}", response.body());
    }
}
