package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/agents/{agent}/audit} and its export, black-box: security events of the example agent appear (key
 * created, bad function token), filters, {@code since} and {@code limit} work, a viewer reads but cannot export, both
 * export formats, and every refusal as problem+json. Each test makes its own events (unique names and call ids).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditIT {

    private static final String AUDIT = "api/agents/" + AuditApi.AGENT + "/audit";
    private static final String EXPORT = AUDIT + "/export";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(AuditApi.config(AuditApi.dataDir("audit-it")));
    }

    @ArquillianResource
    private URL base;

    private Http http;
    private AuditApi api;
    private String unique;

    @BeforeEach
    void client() {
        http = new Http(base);
        api = new AuditApi(http);
        unique = UUID.randomUUID().toString().substring(0, 8);
    }

    /** The event whose {@code detail.field} is {@code value}, or null. */
    private static JsonObject find(JsonArray events, String field, String value) {
        return events.stream().map(JsonValue::asJsonObject)
                .filter(e -> value.equals(e.getJsonObject("detail").getString(field, null))).findFirst().orElse(null);
    }

    private JsonObject keyAuditedAs(String type, String keyId) {
        JsonArray events = api.awaitEvents("filter=" + type, e -> find(e, "key_id", keyId) != null);
        JsonObject event = find(events, "key_id", keyId);
        assertNotNull(event, "no " + type + " event for key " + keyId + " in " + events);
        return event;
    }

    /** A SWAIG call of the secure {@code transfer_funds} with a forged token: 403, and a {@code token.invalid}. */
    private String badTokenCall() {
        String callId = "audit-" + unique;
        HttpResponse<String> response = http.postJson("swaig/?__token=forged",
                Swml.call("transfer_funds", "{\"amount\":1,\"to_account\":\"1234567890\"}", callId));
        assertEquals(403, response.statusCode());
        return callId;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = AuditApi.object(response.body());
        assertEquals(status, problem.getInt("status"));
        assertEquals(code, problem.getString("code"));
    }

    private static List<String> lines(HttpResponse<String> response) {
        return Arrays.asList(response.body().split("\r?\n"));
    }

    @Test
    void aCreatedKeyIsAudited() {
        JsonObject key = api.createKey("audit-" + unique);
        JsonObject event = keyAuditedAs("key.created", key.getString("id"));
        assertEquals("key.created", event.getString("type"));
        assertEquals(AuditApi.AGENT, event.getString("agent"));
        assertEquals(AuditApi.ADMIN, event.getString("principal"));
        assertEquals(key.getString("prefix"), event.getJsonObject("detail").getString("prefix"));
        assertTrue(event.getJsonNumber("id").longValue() > 0);
        assertTrue(Instant.parse(event.getString("at")).isAfter(Instant.now().minusSeconds(60)));
        assertFalse(api.events("filter=key").toString().contains(key.getString("key")), "the secret is in the log");
    }

    @Test
    void aForgedFunctionTokenIsAudited() {
        String callId = badTokenCall();
        JsonArray events = api.awaitEvents("filter=token.invalid", e -> find(e, "call_id", callId) != null);
        JsonObject event = find(events, "call_id", callId);
        assertNotNull(event, "no token.invalid event for " + callId);
        assertEquals(AuditApi.AGENT, event.getString("agent"));
        assertEquals("transfer_funds", event.getJsonObject("detail").getString("function"));
        assertTrue(event.getJsonObject("detail").containsKey("reason"));
        assertFalse(event.isNull("peer"));
        assertTrue(event.isNull("principal"));
    }

    @Test
    void theListIsJsonAndNeverCached() {
        HttpResponse<String> response = api.get(AUDIT, AuditApi.admin());
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(response.body().startsWith("["), response.body());
    }

    @Test
    void anExactFilterShowsOnlyThatType() {
        api.createKey("audit-" + unique);
        String callId = badTokenCall();
        JsonArray events = api.awaitEvents("filter=token.invalid", e -> find(e, "call_id", callId) != null);
        assertNotNull(find(events, "call_id", callId));
        events.forEach(e -> assertEquals("token.invalid", e.asJsonObject().getString("type")));
    }

    @Test
    void aPrefixFilterShowsEveryTypeUnderIt() {
        String id = api.createKey("audit-" + unique).getString("id");
        assertEquals(204, Http.send(http.request("api/agents/" + AuditApi.AGENT + "/keys/" + id)
                .header("Authorization", AuditApi.admin()).DELETE()).statusCode());
        JsonArray events = api.awaitEvents("filter=key", e -> e.stream().map(JsonValue::asJsonObject)
                .filter(x -> id.equals(x.getJsonObject("detail").getString("key_id", null))).count() == 2);
        List<String> ours = events.stream().map(JsonValue::asJsonObject)
                .filter(x -> id.equals(x.getJsonObject("detail").getString("key_id", null)))
                .map(x -> x.getString("type")).toList();
        assertEquals(List.of("key.revoked", "key.created"), ours);
        events.forEach(e -> assertTrue(e.asJsonObject().getString("type").startsWith("key."), e.toString()));
    }

    @Test
    void sinceLeavesOutOlderEvents() {
        String id = api.createKey("audit-" + unique).getString("id");
        keyAuditedAs("key.created", id);
        http.advanceClock(java.time.Duration.ofSeconds(3));
        assertEquals(null, find(api.events("filter=key.created&since=2s"), "key_id", id));
        assertNotNull(find(api.events("filter=key.created&since=1h"), "key_id", id));
    }

    @Test
    void theNewestComeFirst() {
        String older = api.createKey("audit-a-" + unique).getString("id");
        String newer = api.createKey("audit-b-" + unique).getString("id");
        JsonArray events = api.awaitEvents("filter=key.created", e -> find(e, "key_id", older) != null);
        assertTrue(events.indexOf(find(events, "key_id", newer)) < events.indexOf(find(events, "key_id", older)));
    }

    @Test
    void theLimitKeepsTheNewest() {
        api.createKey("audit-a-" + unique);
        String newer = api.createKey("audit-b-" + unique).getString("id");
        JsonArray events = api.awaitEvents("filter=key.created&limit=1", e -> find(e, "key_id", newer) != null);
        assertEquals(1, events.size());
        assertEquals(newer, events.getJsonObject(0).getJsonObject("detail").getString("key_id"));
    }

    @Test
    void aViewerCanRead() {
        api.createUser("viewer-" + unique, "viewer-Password-0123", "viewer");
        HttpResponse<String> response = api.get(AUDIT, Http.basic("viewer-" + unique, "viewer-Password-0123"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().startsWith("["));
    }

    @Test
    void aViewerCannotExport() {
        api.createUser("viewer-" + unique, "viewer-Password-0123", "viewer");
        assertProblem(api.get(EXPORT, Http.basic("viewer-" + unique, "viewer-Password-0123")), 403, "forbidden");
    }

    @Test
    void anNdjsonExportIsADownloadOfOneEventPerLine() {
        JsonObject key = api.createKey("audit-" + unique);
        keyAuditedAs("key.created", key.getString("id"));
        HttpResponse<String> response = api.get(EXPORT + "?format=ndjson&period=1d", AuditApi.admin());
        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"audit-secure-agent-" + LocalDate.now(ZoneOffset.UTC) + ".ndjson\"",
                response.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        List<JsonObject> events = lines(response).stream().map(AuditApi::object).toList();
        JsonObject ours = events.stream().filter(e -> key.getString("id").equals(e.getJsonObject("detail")
                .getString("key_id", null))).findFirst().orElseThrow();
        assertEquals("key.created", ours.getString("type"));
        assertEquals(AuditApi.ADMIN, ours.getString("principal"));
        assertFalse(response.body().contains(key.getString("key")), "the secret is in the export");
    }

    @Test
    void theDefaultExportIsNdjson() {
        HttpResponse<String> response = api.get(EXPORT, AuditApi.admin());
        assertEquals(200, response.statusCode());
        assertEquals("application/x-ndjson", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Content-Disposition").orElse("").endsWith(".ndjson\""));
    }

    @Test
    void aCsvExportHasAHeaderRowAndOneQuotedRowPerEvent() {
        String id = api.createKey("audit-" + unique).getString("id");
        keyAuditedAs("key.created", id);
        HttpResponse<String> response = api.get(EXPORT + "?format=csv&period=30d", AuditApi.admin());
        assertEquals(200, response.statusCode());
        assertEquals("text/csv;charset=UTF-8", response.headers().firstValue("Content-Type").orElse("")
                .replace(" ", ""));
        assertEquals("attachment; filename=\"audit-secure-agent-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"",
                response.headers().firstValue("Content-Disposition").orElse(""));
        List<String> lines = lines(response);
        assertEquals("id,type,agent,at,peer,principal,detail", lines.get(0));
        String row = lines.stream().filter(l -> l.contains("\"\"key_id\"\":\"\"" + id + "\"\"")).findFirst().orElseThrow();
        assertTrue(row.matches("[0-9]+,key\\.created,secure-agent,[0-9T:.Z-]+,,admin,\"\\{.*}\""), row);
        assertTrue(response.body().contains("\r\n"), "CSV lines end in CRLF");
    }

    @Test
    void anExportIsItselfAudited() {
        assertEquals(200, api.get(EXPORT + "?format=csv&period=7d", AuditApi.admin()).statusCode());
        JsonArray events = api.awaitEvents("filter=audit.exported", e -> find(e, "period", "7d") != null);
        JsonObject event = find(events, "period", "7d");
        assertNotNull(event, events.toString());
        assertEquals(AuditApi.ADMIN, event.getString("principal"));
        assertEquals("csv", event.getJsonObject("detail").getString("format"));
    }

    @Test
    void aBadSinceIs400() {
        assertProblem(api.get(AUDIT + "?since=yesterday", AuditApi.admin()), 400, "validation_failed");
    }

    @Test
    void aLimitThatIsNotANumberIs400() {
        assertProblem(api.get(AUDIT + "?limit=ten", AuditApi.admin()), 400, "validation_failed");
    }

    @Test
    void aLimitOverAThousandIs400() {
        assertProblem(api.get(AUDIT + "?limit=1001", AuditApi.admin()), 400, "validation_failed");
    }

    @Test
    void aZeroLimitIs400() {
        assertProblem(api.get(AUDIT + "?limit=0", AuditApi.admin()), 400, "validation_failed");
    }

    @Test
    void aFilterThatIsNotAnEventTypeIs400() {
        assertProblem(api.get(AUDIT + "?filter=auth%25", AuditApi.admin()), 400, "validation_failed");
    }

    @Test
    void aBadPeriodIs400() {
        assertProblem(api.get(EXPORT + "?period=-1d", AuditApi.admin()), 400, "validation_failed");
    }

    @Test
    void anUnknownFormatIs400() {
        assertProblem(api.get(EXPORT + "?format=xml", AuditApi.admin()), 400, "validation_failed");
    }

    @Test
    void anUnknownAgentIs404() {
        assertProblem(api.get("api/agents/no-such-agent/audit", AuditApi.admin()), 404, "not_found");
    }

    @Test
    void anUnknownAgentsExportIs404() {
        assertProblem(api.get("api/agents/no-such-agent/audit/export", AuditApi.admin()), 404, "not_found");
    }

    @Test
    void noCredentialsIs401WithABearerChallenge() {
        HttpResponse<String> response = api.get(AUDIT, null);
        assertProblem(response, 401, "invalid_credentials");
        assertEquals("Bearer realm=\"agent-warden\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void noCredentialsOnTheExportIs401() {
        HttpResponse<String> response = api.get(EXPORT, null);
        assertProblem(response, 401, "invalid_credentials");
        assertEquals("Bearer realm=\"agent-warden\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void aWrongPasswordIs401() {
        HttpResponse<String> response = api.get(AUDIT, Http.basic(AuditApi.ADMIN, "wrong-Password-0123456789"));
        assertProblem(response, 401, "invalid_credentials");
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="));
    }
}
