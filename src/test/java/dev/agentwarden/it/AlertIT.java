package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Alerts ({@code /api/alerts}): created, listed, deleted; fired by the events they count, at most once per window, on
 * the server's moved clock; their webhook received by the test's own receiver on loopback (this deployment allows
 * private addresses, {@code WARDEN_ALERT_ALLOW_PRIVATE=true}) and its Standard Webhooks signature checked here with
 * the JDK's HMAC, independently of the product's code. The SSRF refusals need the default rules: they are in
 * {@link AgentControlsIT}. Each test deletes its alerts; events of earlier tests never count (an alert counts from
 * its creation on).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AlertIT {

    private static final String AGENT = "support-agent";
    private static final String ALERTS = "api/alerts";
    private static final String VIEWER = "alert-viewer";
    private static final String VIEWER_PASSWORD = "viewer-Password-0123456789";
    private static boolean viewerCreated;

    @ArquillianResource
    private URL base;
    private Http http;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("WARDEN_ALERT_ALLOW_PRIVATE", "true",
                "warden.alert.retry-delays-millis", "300,300"), SupportAgent.class);
    }

    @BeforeEach
    void client() {
        http = new Http(base);
        http.freezeClock();
    }

    @AfterEach
    void deleteAlerts() {
        for (JsonValue alert : array(http.get(ALERTS, Http.admin()))) {
            String id = alert.asJsonObject().getString("id");
            assertEquals(204, http.json("DELETE", ALERTS + "/" + id, null, Http.admin()).statusCode());
        }
        http.releaseClock();
    }

    private HttpResponse<String> create(String json) {
        return http.json("POST", ALERTS, json, Http.admin());
    }

    private JsonObject created(String json) {
        HttpResponse<String> response = create(json);
        assertEquals(201, response.statusCode(), response.body());
        return object(response.body());
    }

    private static String alert(String metric, int threshold, String window, String webhookUrl) {
        return "{\"agent\":\"" + AGENT + "\",\"metric\":\"" + metric + "\",\"threshold\":" + threshold
                + ",\"window\":\"" + window + "\"" + (webhookUrl == null ? "" : ",\"webhook_url\":\"" + webhookUrl + "\"")
                + "}";
    }

    private void failLogins(int count) {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> refused = http.get("support", Http.basic(Deployments.USER, "wrong-password"));
            assertEquals(401, refused.statusCode(), "the request that trips an alert is answered as before");
            assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        }
    }

    /** The support agent's audit events of {@code type}, polled until {@code expected} holds (at most 15 s). */
    private JsonArray awaitEvents(String type, Predicate<JsonArray> expected) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonArray events = events(type);
        while (!expected.test(events) && System.nanoTime() < deadline) {
            AuditApi.sleep(100);
            events = events(type);
        }
        return events;
    }

    /**
     * Waits until every event recorded so far is in the audit log: the log is written in order by one writer, so once
     * a new event (a sentinel alert's deletion) is there, everything recorded before it is too.
     */
    private void awaitAuditWritten() {
        String sentinel = created(alert("ip-denied", 1, "1s", null)).getString("id");
        assertEquals(204, http.json("DELETE", ALERTS + "/" + sentinel, null, Http.admin()).statusCode());
        JsonArray deleted = awaitEvents("alert.deleted", events -> firedFor(events, sentinel) == 1);
        assertEquals(1, firedFor(deleted, sentinel), "the audit log was not written in 15 s");
    }

    private JsonArray events(String type) {
        return array(http.get("api/agents/" + AGENT + "/audit?limit=1000&filter=" + type, Http.admin()));
    }

    private static long firedFor(JsonArray events, String alertId) {
        return events.stream().map(JsonValue::asJsonObject)
                .filter(e -> alertId.equals(e.getJsonObject("detail").getString("alert_id", ""))).count();
    }

    private static JsonArray array(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return jakarta.json.Json.createReader(new StringReader(response.body())).readArray();
    }

    /** The Standard Webhooks signature, computed here: base64 HMAC-SHA256 of {@code id.timestamp.body}. */
    private static String sign(String secret, String id, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private void viewer() {
        synchronized (AlertIT.class) {
            if (!viewerCreated) {
                HttpResponse<String> user = http.json("POST", "api/users", "{\"username\":\"" + VIEWER
                        + "\",\"password\":\"" + VIEWER_PASSWORD + "\",\"roles\":[\"viewer\"]}", Http.admin());
                assertEquals(201, user.statusCode(), user.body());
                viewerCreated = true;
            }
        }
    }

    // Creating, reading, deleting

    @Test
    void createWithAWebhookAnswers201WithTheSecretOnce() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpResponse<String> response = create(alert("failed-auth", 10, "5m", receiver.url("/hook")));
            assertEquals(201, response.statusCode(), response.body());
            JsonObject alert = object(response.body());
            assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/api/alerts/"
                    + alert.getString("id")));
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(AGENT, alert.getString("agent"));
            assertEquals("failed-auth", alert.getString("metric"));
            assertEquals(10, alert.getInt("threshold"));
            assertEquals("5m", alert.getString("window"));
            assertEquals(receiver.url("/hook"), alert.getString("webhook_url"));
            assertTrue(alert.getString("secret").matches("whsec_[A-Za-z0-9+/]{43}="), alert.getString("secret"));
            assertEquals(Deployments.ADMIN, alert.getString("created_by"));
            assertTrue(alert.isNull("last_fired_at"));
        }
    }

    @Test
    void createWithoutAWebhookHasNoSecret() {
        JsonObject alert = created(alert("ip-denied", 3, "1m", null));
        assertFalse(alert.containsKey("secret"));
        assertFalse(alert.containsKey("webhook_url"));
    }

    @Test
    void theSecretIsNeverShownAgain() {
        JsonObject alert = created(alert("failed-auth", 10, "5m", "http://127.0.0.1:9/hook"));
        HttpResponse<String> one = http.get(ALERTS + "/" + alert.getString("id"), Http.admin());
        assertEquals(200, one.statusCode(), one.body());
        assertFalse(object(one.body()).containsKey("secret"));
        assertFalse(one.body().contains(alert.getString("secret")));
        HttpResponse<String> list = http.get(ALERTS, Http.admin());
        assertEquals(200, list.statusCode());
        assertFalse(list.body().contains("whsec_"), list.body());
    }

    @Test
    void theListShowsTheAlertsOfAnAgent() {
        String id = created(alert("rate-limited", 5, "1m", null)).getString("id");
        JsonArray list = array(http.get(ALERTS + "?agent=" + AGENT, Http.admin()));
        assertEquals(1, list.size(), list.toString());
        assertEquals(id, list.getJsonObject(0).getString("id"));
        assertEquals("rate-limited", list.getJsonObject(0).getString("metric"));
        assertEquals(0, array(http.get(ALERTS + "?agent=secure-agent", Http.admin())).size());
    }

    @Test
    void deleteAnswers204AndTheAlertIsGone() {
        String id = created(alert("failed-auth", 10, "5m", null)).getString("id");
        HttpResponse<String> deleted = http.json("DELETE", ALERTS + "/" + id, null, Http.admin());
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals("", deleted.body());
        assertProblem(http.get(ALERTS + "/" + id, Http.admin()), 404, "not_found");
    }

    @Test
    void deletingAnUnknownAlertIs404() {
        assertProblem(http.json("DELETE", ALERTS + "/no-such-alert", null, Http.admin()), 404, "not_found");
    }

    @Test
    void aDeletedAlertNoLongerFires() {
        String id = created(alert("failed-auth", 1, "5m", null)).getString("id");
        assertEquals(204, http.json("DELETE", ALERTS + "/" + id, null, Http.admin()).statusCode());
        String witness = created(alert("failed-auth", 2, "5m", null)).getString("id");
        failLogins(2);
        JsonArray fired = awaitEvents("alert.fired", events -> firedFor(events, witness) == 1);
        assertEquals(1, firedFor(fired, witness), fired.toString());
        assertEquals(0, firedFor(fired, id), fired.toString());
    }

    // Firing

    @Test
    void tenFailuresInFiveMinutesFireOnceWithASignedWebhook() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonObject alert = created(alert("failed-auth", 10, "5m", receiver.url("/hook")));
            String id = alert.getString("id");
            failLogins(9);
            http.advanceClock(Duration.ofMinutes(4));
            failLogins(1);
            WebhookReceiver.Received delivery = receiver.next(15);
            assertNotNull(delivery, "the alert's webhook was not posted");
            assertEquals("/hook", delivery.path());
            assertEquals("application/json", delivery.header("content-type"));
            assertTrue(delivery.header("webhook-id").startsWith("msg_"), delivery.header("webhook-id"));
            assertEquals(sign(alert.getString("secret"), delivery.header("webhook-id"),
                    delivery.header("webhook-timestamp"), delivery.body()), delivery.header("webhook-signature"));
            JsonObject event = object(new String(delivery.body(), StandardCharsets.UTF_8));
            assertEquals("alert.fired", event.getString("type"));
            assertEquals(id, event.getJsonObject("data").getString("alert_id"));
            assertEquals(AGENT, event.getJsonObject("data").getString("agent"));
            assertEquals("failed-auth", event.getJsonObject("data").getString("metric"));
            assertEquals(10, event.getJsonObject("data").getInt("threshold"));
            assertFalse(new String(delivery.body(), StandardCharsets.UTF_8).contains("whsec_"));

            failLogins(10); // within the same window: counted for nothing
            awaitAuditWritten();
            JsonArray fired = events("alert.fired");
            assertEquals(1, firedFor(fired, id), fired.toString());
            assertNull(receiver.next(1), "a second webhook for the same window");
            HttpResponse<String> shown = http.get(ALERTS + "/" + id, Http.admin());
            assertFalse(object(shown.body()).isNull("last_fired_at"), shown.body());
        }
    }

    @Test
    void nineFailuresDoNotFire() {
        String id = created(alert("failed-auth", 10, "5m", null)).getString("id");
        String witness = created(alert("failed-auth", 9, "5m", null)).getString("id");
        failLogins(9);
        JsonArray fired = awaitEvents("alert.fired", events -> firedFor(events, witness) == 1);
        assertEquals(1, firedFor(fired, witness), fired.toString());
        assertEquals(0, firedFor(fired, id), fired.toString());
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotFire() {
        String id = created(alert("failed-auth", 2, "5m", null)).getString("id");
        String witness = created(alert("failed-auth", 1, "1s", null)).getString("id");
        failLogins(1);
        http.advanceClock(Duration.ofMinutes(5));
        failLogins(1);
        JsonArray fired = awaitEvents("alert.fired", events -> firedFor(events, witness) == 2);
        assertEquals(2, firedFor(fired, witness), fired.toString());
        assertEquals(0, firedFor(fired, id), fired.toString());
    }

    @Test
    void theAlertFiresAgainInTheNextWindow() {
        String id = created(alert("failed-auth", 2, "5m", null)).getString("id");
        failLogins(2);
        http.advanceClock(Duration.ofMinutes(5));
        failLogins(2);
        JsonArray fired = awaitEvents("alert.fired", events -> firedFor(events, id) == 2);
        assertEquals(2, firedFor(fired, id), fired.toString());
    }

    @Test
    void aRefusedDeliveryIsRetriedWithTheSameWebhookId() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            JsonObject alert = created(alert("failed-auth", 1, "5m", receiver.url("/retry")));
            failLogins(1);
            WebhookReceiver.Received first = receiver.next(15);
            WebhookReceiver.Received second = receiver.next(15);
            assertNotNull(first);
            assertNotNull(second, "the delivery was not retried after a 500");
            assertEquals(first.header("webhook-id"), second.header("webhook-id"));
            assertArrayEquals(first.body(), second.body());
            assertEquals(sign(alert.getString("secret"), second.header("webhook-id"),
                    second.header("webhook-timestamp"), second.body()), second.header("webhook-signature"));
            JsonArray delivered = awaitEvents("alert.delivered", events -> firedFor(events, alert.getString("id")) == 1);
            JsonObject outcome = delivered.getJsonObject(0).getJsonObject("detail");
            assertEquals(2, outcome.getInt("attempts"), delivered.toString());
            assertEquals(204, outcome.getInt("status"));
        }
    }

    @Test
    void aDeliveryThatKeepsFailingIsAuditedAsFailed() {
        try (WebhookReceiver receiver = new WebhookReceiver(500, 502, 503)) {
            String id = created(alert("failed-auth", 1, "5m", receiver.url("/down"))).getString("id");
            failLogins(1);
            JsonArray failed = awaitEvents("alert.delivery_failed", events -> firedFor(events, id) == 1);
            assertEquals(1, firedFor(failed, id), failed.toString());
            assertEquals(3, failed.getJsonObject(0).getJsonObject("detail").getInt("attempts"));
            assertEquals("status 503", failed.getJsonObject(0).getJsonObject("detail").getString("reason"));
            assertEquals(3, receiver.pending().size());
        }
    }

    @Test
    void deniedAddressesFireAnIpDeniedAlert() {
        String id = created(alert("ip-denied", 1, "5m", null)).getString("id");
        AgentSecurity.with(http, AGENT, AgentSecurity.whitelist("203.0.113.0/24"), () -> {
            HttpResponse<String> denied = http.get("support", null);
            assertEquals(403, denied.statusCode(), denied.body());
        });
        JsonArray fired = awaitEvents("alert.fired", events -> firedFor(events, id) == 1);
        assertEquals(1, firedFor(fired, id), fired.toString());
    }

    @Test
    void rateLimitedCallsFireARateLimitedAlert() {
        String id = created(alert("rate-limited", 1, "5m", null)).getString("id");
        AgentSecurity.with(http, AGENT, "{\"rateLimit\":{\"enabled\":true,\"requests\":1,\"window\":\"1m\"}}", () -> {
            HttpResponse<String> limited = null;
            for (int i = 0; i < 3 && (limited == null || limited.statusCode() != 429); i++) {
                limited = http.json("POST", "api/agents/" + AGENT + "/invoke", "{\"message\":\"hi\"}", Http.admin());
            }
            assertProblem(limited, 429, "rate_limited");
            http.advanceClock(Duration.ofMinutes(1)); // the admin's bucket refills: the config can be put back
        });
        JsonArray fired = awaitEvents("alert.fired", events -> firedFor(events, id) == 1);
        assertEquals(1, firedFor(fired, id), fired.toString());
    }

    // Refusals

    @Test
    void anUnknownMetricIsInvalid() {
        JsonObject problem = assertProblem(create(alert("cpu-load", 10, "5m", null)), 400, "validation_failed");
        assertEquals("/metric", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
        assertEquals("must be one of failed-auth, rate-limited, ip-denied",
                problem.getJsonArray("errors").getJsonObject(0).getString("detail"));
    }

    @Test
    void aThresholdBelowOneIsInvalid() {
        JsonObject problem = assertProblem(create(alert("failed-auth", 0, "5m", null)), 400, "validation_failed");
        assertEquals("/threshold", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
    }

    @Test
    void aBadWindowIsInvalid() {
        JsonObject problem = assertProblem(create(alert("failed-auth", 10, "5 minutes", null)), 400,
                "validation_failed");
        assertEquals("/window", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
    }

    @Test
    void anUnknownKeyIsInvalid() {
        JsonObject problem = assertProblem(create("{\"agent\":\"" + AGENT + "\",\"metric\":\"failed-auth\","
                + "\"threshold\":10,\"window\":\"5m\",\"email\":\"ops@example.com\"}"), 400, "validation_failed");
        assertEquals("/email", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
    }

    @Test
    void missingFieldsAreEachNamed() {
        JsonObject problem = assertProblem(create("{}"), 400, "validation_failed");
        List<String> pointers = problem.getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("pointer")).toList();
        assertEquals(List.of("/agent", "/metric", "/threshold", "/window"), pointers);
    }

    @Test
    void anUnknownAgentIsInvalid() {
        JsonObject problem = assertProblem(create("{\"agent\":\"no-such-agent\",\"metric\":\"failed-auth\","
                + "\"threshold\":10,\"window\":\"5m\"}"), 400, "validation_failed");
        assertEquals("/agent", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(create("{\"agent\":"), 400, "validation_failed");
    }

    @Test
    void aViewerMayNotCreateAlerts() {
        viewer();
        assertProblem(http.json("POST", ALERTS, alert("failed-auth", 10, "5m", null),
                Http.basic(VIEWER, VIEWER_PASSWORD)), 403, "forbidden");
        assertEquals(0, array(http.get(ALERTS, Http.admin())).size());
    }

    @Test
    void aViewerMayNotListAlerts() {
        viewer();
        assertProblem(http.get(ALERTS, Http.basic(VIEWER, VIEWER_PASSWORD)), 403, "forbidden");
    }

    @Test
    void withoutCredentialsTheAlertsAre401() {
        HttpResponse<String> response = http.get(ALERTS, null);
        Problems.assertUnauthorized(response, "invalid_credentials", false);
    }
}
