package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Problems.assertUnauthorized;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Service accounts end to end: {@code /api/service-accounts} (create, read, list, delete), their credentials (the
 * secret shown once, revoked), {@code client_credentials} at {@code POST /api/auth/token} by HTTP Basic (RFC 6749
 * §2.3.1) and by fields, the permissions of the token exactly as granted (or narrowed by {@code scope}), the refusals
 * (RFC 6749 §5.2 codes), tokens that die with their account, MFA operations refused to a service account, and the
 * audit trail. Every test makes accounts of its own (the token endpoint limits attempts per client id). An
 * {@code operator} role ({@code users:manage} and read) shows that no one hands out more than they hold.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServiceAccountIT {

    private static final String ACCOUNTS = "api/service-accounts";
    private static final String AGENT = "secure-agent";
    private static final String PASSWORD = "account-User-Password-0123456789";
    private static final String BASIC_CHALLENGE = "Basic realm=\"agent-warden\"";
    private static final String BEARER_CHALLENGE = "Bearer realm=\"agent-warden\"";

    @ArquillianResource
    private URL base;
    private Http http;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("warden.roles", "admin,developer,viewer,operator",
                "warden.roles.operator", "users:manage;agents:read:*"), SupportAgent.class);
    }

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static String uniqueName() {
        return "sa-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> create(String json, String authorization) {
        return http.json("POST", ACCOUNTS, json, authorization);
    }

    /** A new account with {@code permissions} (JSON strings) for {@code agent} ({@code null}: every agent). */
    private String account(String agent, String... permissions) {
        String name = uniqueName();
        String list = List.of(permissions).stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","));
        HttpResponse<String> created = create("{\"name\":\"" + name + "\",\"permissions\":[" + list + "]"
                + (agent == null ? "" : ",\"agents\":[\"" + agent + "\"]") + "}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        return name;
    }

    /** A credential of {@code account}: {@code [client_id, client_secret]}. */
    private String[] credential(String account) {
        HttpResponse<String> issued = http.json("POST", ACCOUNTS + "/" + account + "/credentials", null, Http.admin());
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject body = object(issued.body());
        return new String[] {body.getString("client_id"), body.getString("client_secret")};
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** {@code POST /api/auth/token}, form-encoded, with {@code authorization} (none when null). */
    private HttpResponse<String> token(String authorization, Map<String, String> fields) {
        HttpRequest.Builder request = http.request("api/auth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    /** RFC 6749 §2.3.1: each part form-urlencoded, joined by a colon, then base64. */
    private static String clientBasic(String clientId, String secret) {
        String joined = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> tokenByBasic(String[] credential, String scope) {
        return token(clientBasic(credential[0], credential[1]), scope == null
                ? Map.of("grant_type", "client_credentials") : Map.of("grant_type", "client_credentials", "scope", scope));
    }

    /** A token of {@code credential}, asserted issued; the {@code Authorization} header carrying it. */
    private String bearer(String[] credential) {
        HttpResponse<String> issued = tokenByBasic(credential, null);
        assertEquals(200, issued.statusCode(), issued.body());
        return "Bearer " + object(issued.body()).getString("access_token");
    }

    private static JsonObject claims(HttpResponse<String> issued) {
        String jwt = object(issued.body()).getString("access_token");
        return object(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private HttpResponse<String> putAgent(String authorization) {
        return Http.send(http.request("api/agents/" + AGENT).header("Authorization", authorization)
                .header("Content-Type", "application/json").header("If-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"security\":{}}")));
    }

    private void newUser(String name, String role) {
        HttpResponse<String> created = http.json("POST", "api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + PASSWORD + "\",\"roles\":[\"" + role + "\"]}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
    }

    private static void assertInvalidClient(HttpResponse<String> response, String challenge) {
        JsonObject problem = assertProblem(response, 401, "invalid_client");
        assertEquals("invalid_client", problem.getString("error"));
        assertEquals(challenge, response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    // --- accounts ------------------------------------------------------------------------------------------------

    @Test
    void createAnswers201WithTheAccountAndItsExpandedPermissions() {
        String name = uniqueName();
        HttpResponse<String> created = create("{\"name\":\"" + name + "\",\"permissions\":[\"read\",\"write\"],"
                + "\"agents\":[\"" + AGENT + "\"]}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/" + ACCOUNTS + "/" + name));
        JsonObject account = object(created.body());
        assertEquals(name, account.getString("name"));
        assertEquals(List.of("agents:read:" + AGENT, "agents:write:" + AGENT), strings(account.getJsonArray("permissions")));
        assertEquals(List.of(AGENT), strings(account.getJsonArray("agents")));
        assertEquals(0, account.getJsonArray("credentials").size());
        assertFalse(account.containsKey("certificate"));
        Instant.parse(account.getString("created_at"));
    }

    @Test
    void theSeedsAccountWithoutAgentsCoversEveryAgentAndKeepsItsCertificate() {
        String name = uniqueName();
        HttpResponse<String> created = create("{\"name\":\"" + name + "\",\"permissions\":[\"read\",\"write\"],"
                + "\"certificate\":{\"subject\":\"CN=billing, O=Example\"}}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        JsonObject account = object(created.body());
        assertEquals(List.of("agents:read:*", "agents:write:*"), strings(account.getJsonArray("permissions")));
        assertEquals("CN=billing,O=Example", account.getJsonObject("certificate").getString("subject"));
    }

    @Test
    void aTakenNameIs409() {
        String name = account(AGENT, "read");
        assertProblem(create("{\"name\":\"" + name + "\",\"permissions\":[\"read\"]}", Http.admin()), 409, "conflict");
    }

    @Test
    void aUsersNameIs409AndAUserCannotTakeAnAccountsName() {
        assertProblem(create("{\"name\":\"" + Deployments.ADMIN + "\",\"permissions\":[\"read\"]}", Http.admin()), 409,
                "conflict");
        String name = account(AGENT, "read");
        assertProblem(http.json("POST", "api/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"viewer\"]}", Http.admin()), 409, "conflict");
    }

    @Test
    void anInvalidBodyIs400WithPointers() {
        JsonObject problem = assertProblem(create("{\"name\":\"Bad_Name\",\"permissions\":[\"read\",\"admin\"],"
                + "\"agents\":[\"no-such-agent\"],\"type\":\"service\"}", Http.admin()), 400, "validation_failed");
        List<String> pointers = problem.getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("pointer")).toList();
        assertEquals(List.of("/type", "/name", "/agents/0", "/permissions/1"), pointers);
        problem.getJsonArray("errors").forEach(e -> assertFalse(e.asJsonObject().getString("detail").isBlank()));
    }

    @Test
    void aViewerIsRefused403() {
        String viewer = "sa-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        newUser(viewer, "viewer");
        assertProblem(create("{\"name\":\"" + uniqueName() + "\",\"permissions\":[\"read\"]}",
                Http.basic(viewer, PASSWORD)), 403, "forbidden");
        assertProblem(http.get(ACCOUNTS, Http.basic(viewer, PASSWORD)), 403, "forbidden");
    }

    @Test
    void noOneHandsOutMoreThanTheyHold() {
        String operator = "sa-operator-" + UUID.randomUUID().toString().substring(0, 8);
        newUser(operator, "operator");
        String auth = Http.basic(operator, PASSWORD);
        assertProblem(create("{\"name\":\"" + uniqueName() + "\",\"permissions\":[\"*\"]}", auth), 403, "forbidden");
        assertProblem(create("{\"name\":\"" + uniqueName() + "\",\"permissions\":[\"write\"]}", auth), 403,
                "forbidden");
        HttpResponse<String> within = create("{\"name\":\"" + uniqueName() + "\",\"permissions\":[\"read\"]}", auth);
        assertEquals(201, within.statusCode(), within.body());
    }

    @Test
    void getAndListShowTheAccountAndDeleteIs204Then404() {
        String name = account(AGENT, "read");
        HttpResponse<String> one = http.get(ACCOUNTS + "/" + name, Http.admin());
        assertEquals(200, one.statusCode(), one.body());
        assertEquals(name, object(one.body()).getString("name"));
        HttpResponse<String> all = http.get(ACCOUNTS, Http.admin());
        assertEquals(200, all.statusCode(), all.body());
        assertTrue(Swml.array(all.body()).stream().anyMatch(a -> name.equals(a.asJsonObject().getString("name"))));
        assertEquals(204, http.json("DELETE", ACCOUNTS + "/" + name, null, Http.admin()).statusCode());
        assertProblem(http.get(ACCOUNTS + "/" + name, Http.admin()), 404, "not_found");
        assertProblem(http.json("DELETE", ACCOUNTS + "/" + name, null, Http.admin()), 404, "not_found");
    }

    // --- credentials ---------------------------------------------------------------------------------------------

    @Test
    void aCredentialsSecretIsShownOnceAndNeverAgain() {
        String name = account(AGENT, "read");
        HttpResponse<String> issued = http.json("POST", ACCOUNTS + "/" + name + "/credentials", null, Http.admin());
        assertEquals(201, issued.statusCode(), issued.body());
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElse(""));
        JsonObject credential = object(issued.body());
        String clientId = credential.getString("client_id");
        String secret = credential.getString("client_secret");
        assertTrue(clientId.startsWith("sa_"), clientId);
        assertTrue(secret.startsWith("sas_") && secret.length() >= 4 + 43, "256 bits of base62");
        HttpResponse<String> read = http.get(ACCOUNTS + "/" + name, Http.admin());
        JsonObject listed = object(read.body()).getJsonArray("credentials").getJsonObject(0);
        assertEquals(clientId, listed.getString("client_id"));
        assertEquals(JsonValue.NULL, listed.get("last_used_at"));
        assertFalse(listed.containsKey("client_secret"));
        assertFalse(read.body().contains(secret));
        assertFalse(http.get(ACCOUNTS, Http.admin()).body().contains(secret));
    }

    @Test
    void revokingAnAbsentCredentialIs404() {
        String name = account(AGENT, "read");
        assertProblem(http.json("DELETE", ACCOUNTS + "/" + name + "/credentials/sa_nothing", null, Http.admin()), 404,
                "not_found");
        assertProblem(http.json("POST", ACCOUNTS + "/no-such-account/credentials", null, Http.admin()), 404,
                "not_found");
    }

    // --- client_credentials --------------------------------------------------------------------------------------

    @Test
    void aTokenByBasicCarriesExactlyTheGrantedPermissions() {
        String name = account(AGENT, "read");
        HttpResponse<String> issued = tokenByBasic(credential(name), null);
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElse(""));
        JsonObject body = object(issued.body());
        assertEquals("Bearer", body.getString("token_type"));
        assertTrue(body.getJsonNumber("expires_in").longValue() > 0);
        assertEquals("agents:read:" + AGENT, body.getString("scope"));
        JsonObject claims = claims(issued);
        assertEquals(name, claims.getString("sub"));
        assertEquals(List.of("agents:read:" + AGENT), strings(claims.getJsonArray("perms")));
        assertFalse(claims.containsKey("roles"));
        String bearer = "Bearer " + body.getString("access_token");
        assertEquals(200, http.get("api/agents/" + AGENT, bearer).statusCode());
        assertProblem(putAgent(bearer), 403, "forbidden");
    }

    @Test
    void aTokenByFormFieldsWorksAndRecordsTheCredentialsUse() {
        String name = account(AGENT, "read");
        String[] credential = credential(name);
        HttpResponse<String> issued = token(null, Map.of("grant_type", "client_credentials",
                "client_id", credential[0], "client_secret", credential[1]));
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals(200, http.get("api/agents/" + AGENT, "Bearer " + object(issued.body()).getString("access_token"))
                .statusCode());
        JsonObject listed = object(http.get(ACCOUNTS + "/" + name, Http.admin()).body()).getJsonArray("credentials")
                .getJsonObject(0);
        Instant.parse(listed.getString("last_used_at"));
    }

    @Test
    void aTokenByJsonFieldsWorks() {
        String[] credential = credential(account(AGENT, "read"));
        HttpResponse<String> issued = http.json("POST", "api/auth/token", "{\"grant_type\":\"client_credentials\","
                + "\"client_id\":\"" + credential[0] + "\",\"client_secret\":\"" + credential[1] + "\"}", null);
        assertEquals(200, issued.statusCode(), issued.body());
    }

    @Test
    void bothAuthenticationMethodsAtOnceAre400InvalidRequest() {
        String[] credential = credential(account(AGENT, "read"));
        HttpResponse<String> both = token(clientBasic(credential[0], credential[1]), Map.of("grant_type",
                "client_credentials", "client_id", credential[0], "client_secret", credential[1]));
        assertEquals("invalid_request", assertProblem(both, 400, "invalid_request").getString("error"));
    }

    @Test
    void aScopeNarrowsTheToken() {
        String[] credential = credential(account(AGENT, "read", "write"));
        HttpResponse<String> issued = tokenByBasic(credential, "read");
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals("agents:read:" + AGENT, object(issued.body()).getString("scope"));
        String bearer = "Bearer " + object(issued.body()).getString("access_token");
        assertEquals(200, http.get("api/agents/" + AGENT, bearer).statusCode());
        assertProblem(putAgent(bearer), 403, "forbidden");
        assertEquals(200, putAgent(bearer(credential)).statusCode(), "without a scope, write is there");
    }

    @Test
    void aWiderScopeIs400InvalidScope() {
        String[] credential = credential(account(AGENT, "read"));
        assertEquals("invalid_scope", assertProblem(tokenByBasic(credential, "write"), 400, "invalid_scope")
                .getString("error"));
        assertProblem(tokenByBasic(credential, "agents:read:*"), 400, "invalid_scope");
    }

    @Test
    void aWrongSecretIs401InvalidClientWithTheChallengeOfTheMethodUsed() {
        String[] credential = credential(account(AGENT, "read"));
        assertInvalidClient(tokenByBasic(new String[] {credential[0], credential[1] + "x"}, null), BASIC_CHALLENGE);
        assertInvalidClient(token(null, Map.of("grant_type", "client_credentials", "client_id", credential[0],
                "client_secret", "sas_wrong")), BEARER_CHALLENGE);
        assertInvalidClient(tokenByBasic(new String[] {"sa_unknown", credential[1]}, null), BASIC_CHALLENGE);
    }

    @Test
    void noClientAuthenticationIs401InvalidClient() {
        assertInvalidClient(token(null, Map.of("grant_type", "client_credentials")), BASIC_CHALLENGE);
    }

    @Test
    void aRevokedCredentialIs401InvalidClientAndItsTokensDie() {
        String name = account(AGENT, "read");
        String[] old = credential(name);
        String[] fresh = credential(name);
        String oldToken = bearer(old);
        assertEquals(204, http.json("DELETE", ACCOUNTS + "/" + name + "/credentials/" + old[0], null, Http.admin())
                .statusCode());
        assertInvalidClient(tokenByBasic(old, null), BASIC_CHALLENGE);
        assertUnauthorized(http.get("api/agents/" + AGENT, oldToken), "token_invalid", true);
        assertEquals(200, http.get("api/agents/" + AGENT, bearer(fresh)).statusCode(), "the other one still works");
    }

    @Test
    void aDeletedAccountsTokenIs401() {
        String name = account(AGENT, "read");
        String[] credential = credential(name);
        String bearer = bearer(credential);
        assertEquals(200, http.get("api/agents/" + AGENT, bearer).statusCode());
        assertEquals(204, http.json("DELETE", ACCOUNTS + "/" + name, null, Http.admin()).statusCode());
        assertUnauthorized(http.get("api/agents/" + AGENT, bearer), "token_invalid", true);
        assertInvalidClient(tokenByBasic(credential, null), BASIC_CHALLENGE);
    }

    @Test
    void aServiceAccountTokenOnAnMfaOperationIs403MfaRequired() {
        String bearer = bearer(credential(account("support-agent", "manage")));
        AgentSecurity.with(http, "support-agent", "{\"mfa\":{\"enabled\":true,\"operations\":[\"keys\"]}}", () ->
                assertProblem(http.json("POST", "api/agents/support-agent/keys", "{\"name\":\"from-a-service\"}",
                        bearer), 403, "mfa_required"));
        HttpResponse<String> without = http.json("POST", "api/agents/support-agent/keys", "{\"name\":\"after\"}",
                bearer);
        assertEquals(201, without.statusCode(), "the same call once MFA is off: " + without.body());
    }

    // --- audit ---------------------------------------------------------------------------------------------------

    @Test
    void everyChangeIsAuditedWithoutASecret() {
        String name = account(AGENT, "read");
        String[] credential = credential(name);
        assertEquals(204, http.json("DELETE", ACCOUNTS + "/" + name + "/credentials/" + credential[0], null,
                Http.admin()).statusCode());
        assertEquals(204, http.json("DELETE", ACCOUNTS + "/" + name, null, Http.admin()).statusCode());
        List<String> expected = List.of("account.created", "account.credential_created", "account.credential_revoked",
                "account.deleted");
        JsonArray events = awaitAccountEvents(name, expected.size());
        List<String> types = events.stream().map(JsonValue::asJsonObject)
                .filter(e -> name.equals(e.getJsonObject("detail").getString("name", "")))
                .map(e -> e.getString("type")).sorted().toList();
        assertEquals(expected, types);
        assertFalse(events.toString().contains(credential[1]));
        events.stream().map(JsonValue::asJsonObject).filter(e -> name.equals(e.getJsonObject("detail")
                .getString("name", ""))).forEach(e -> {
                    assertEquals(JsonValue.NULL, e.get("agent"));
                    assertEquals(Deployments.ADMIN, e.getString("principal"), "who acted ('by')");
                });
    }

    /** The platform's {@code account.*} events, polled until {@code count} name {@code account} (at most 15 s). */
    private JsonArray awaitAccountEvents(String account, int count) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            JsonArray events = AuditApi.array(http.get("api/audit?filter=account&limit=1000", Http.admin()));
            long named = events.stream().filter(e -> account.equals(e.asJsonObject().getJsonObject("detail")
                    .getString("name", ""))).count();
            if (named >= count || System.nanoTime() > deadline) {
                return events;
            }
            AuditApi.sleep(100);
        }
    }
}
