package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JWTs on {@code /api}, black-box: {@code POST /api/auth/token} issues them, {@code Authorization: Bearer} takes them,
 * and every attack of the jwt_tool list is refused with 401 {@code token_invalid} (or {@code token_expired}). An
 * external issuer's JWKS is served by this test, so that the RS256/ES256 path and the key-confusion attacks are real;
 * it also counts every fetch of the attacker's {@code jku}/{@code x5u} addresses, which must stay at zero.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JwtIT {

    private static final String SECRET = "jwt-it-secret-0123456789abcdef-0123456789";
    private static final String ADMIN = "jwt-admin";
    private static final String ADMIN_PASSWORD = "jwt-admin-Password-0123456789";
    private static final String TOKEN_CHALLENGE = "Bearer realm=\"agent-warden\"";
    private static final String INVALID_CHALLENGE = "Bearer realm=\"agent-warden\", error=\"invalid_token\", "
            + "error_description=\"The token is invalid\"";
    private static final String EXPIRED_CHALLENGE = "Bearer realm=\"agent-warden\", error=\"invalid_token\", "
            + "error_description=\"The token has expired\"";

    private static RSAKey issuerRsa;
    private static ECKey issuerEc;
    private static RSAKey attackerRsa;
    private static HttpServer keyServer;
    private static final AtomicInteger ATTACKER_FETCHES = new AtomicInteger();

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        issuerRsa = new RSAKeyGenerator(2048).keyID("issuer-rsa").generate();
        issuerEc = new ECKeyGenerator(Curve.P_256).keyID("issuer-ec").generate();
        attackerRsa = new RSAKeyGenerator(2048).keyID("attacker").generate();
        startKeyServer();
        return Deployments.war(Map.of(
                "WARDEN_ADMIN_USER", ADMIN,
                "WARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "WARDEN_JWT_SECRET", SECRET,
                "WARDEN_JWT_JWKS_URL", keyServerUrl("/jwks.json")));
    }

    /** The external issuer's JWKS, and the attacker's addresses (counted: the server must never fetch them). */
    private static void startKeyServer() throws IOException {
        keyServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String jwks = new JWKSet(List.of(issuerRsa.toPublicJWK(), issuerEc.toPublicJWK())).toString();
        String attacker = new JWKSet(attackerRsa.toPublicJWK()).toString();
        keyServer.createContext("/jwks.json", exchange -> reply(exchange, jwks));
        keyServer.createContext("/attacker/", exchange -> {
            ATTACKER_FETCHES.incrementAndGet();
            reply(exchange, attacker);
        });
        keyServer.start();
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String keyServerUrl(String path) {
        return "http://127.0.0.1:" + keyServer.getAddress().getPort() + path;
    }

    @AfterAll
    static void stopKeyServer() {
        if (keyServer != null) {
            keyServer.stop(0);
        }
    }

    @ArquillianResource
    private URL base;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    // --- helpers

    private HttpResponse<String> tokenJson(String json) {
        return Http.send(http.request("api/auth/token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> tokenForm(Map<String, String> fields) {
        String form = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return tokenFormRaw(form);
    }

    private HttpResponse<String> tokenFormRaw(String form) {
        return Http.send(http.request("api/auth/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> passwordGrant(String user, String password) {
        return tokenJson(Json.createObjectBuilder().add("grant_type", "password").add("username", user)
                .add("password", password).build().toString());
    }

    /** A token of {@code user}, by the password grant. */
    private String accessToken(String user, String password) {
        HttpResponse<String> response = passwordGrant(user, password);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getString("access_token");
    }

    private HttpResponse<String> users(String token) {
        return Http.send(http.request("api/users").header("Authorization", "Bearer " + token).GET());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** authorize and callback are public (their resource says so); a path beside them that no resource declares is not. */
    @Test
    void anOauthPathNoResourceDeclaresPublicAsksForCredentials() {
        Problems.assertUnauthorized(http.get("api/auth/oauth2/introspect", null), "invalid_credentials", false);
    }

    @Test
    void theOauthAuthorizeEndpointIsPublicAnd404WithoutAProvider() {
        HttpResponse<String> response = http.get("api/auth/oauth2/authorize", null);
        assertEquals(404, response.statusCode(), response.body());
        assertEquals("not_found", json(response).getString("code"));
        assertEquals(null, response.headers().firstValue("WWW-Authenticate").orElse(null));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String challenge, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(challenge, response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(code, json(response).getString("code"));
        assertEquals(status, json(response).getInt("status"));
    }

    /** A token that is refused as invalid on {@code GET /api/users}. */
    private void assertInvalid(String token) {
        assertProblem(users(token), 401, INVALID_CHALLENGE, "token_invalid");
    }

    /** Claims the server would accept: ours, for an admin, valid for ten minutes. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("agent-warden").audience("agent-warden").subject("forged-admin")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("roles", List.of("admin")).claim("amr", List.of("pwd"));
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hs256(JWTClaimsSet claims, byte[] key) {
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), claims, new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the server's own secret: what only the server (or its operator) can make. */
    private static String ours(JWTClaimsSet claims) {
        return hs256(claims, SECRET.getBytes(StandardCharsets.UTF_8));
    }

    private static String rs256(JWSHeader header, RSAKey key) {
        try {
            return sign(header, claims().build(), new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // --- the token endpoint

    @Test
    void aPasswordGrantTokenListsUsersForTheAdmin() {
        HttpResponse<String> issued = passwordGrant(ADMIN, ADMIN_PASSWORD);
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(issued.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = json(issued);
        assertEquals("Bearer", body.getString("token_type"));
        assertEquals(3600, body.getInt("expires_in"));
        HttpResponse<String> users = users(body.getString("access_token"));
        assertEquals(200, users.statusCode(), users.body());
        assertTrue(users.body().contains("\"" + ADMIN + "\""));
        assertFalse(users.body().contains("password"));
    }

    @Test
    void aFormEncodedPasswordGrantWorks() {
        HttpResponse<String> issued = tokenForm(Map.of("grant_type", "password", "username", ADMIN,
                "password", ADMIN_PASSWORD));
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals(200, users(json(issued).getString("access_token")).statusCode());
    }

    @Test
    void aWrongPasswordIs401InvalidCredentials() {
        assertProblem(passwordGrant(ADMIN, ADMIN_PASSWORD + "x"), 401, TOKEN_CHALLENGE, "invalid_credentials");
    }

    @Test
    void anUnknownUserIs401InvalidCredentials() {
        assertProblem(passwordGrant("nobody-here", ADMIN_PASSWORD), 401, TOKEN_CHALLENGE, "invalid_credentials");
    }

    @Test
    void clientCredentialsOfAUserAccountAre401() {
        // RFC 6749 §5.2: a client that fails to authenticate is invalid_client (service accounts: ServiceAccountIT).
        assertProblem(tokenForm(Map.of("grant_type", "client_credentials", "client_id", ADMIN,
                "client_secret", ADMIN_PASSWORD)), 401, TOKEN_CHALLENGE, "invalid_client");
    }

    @Test
    void aMissingGrantTypeIs400() {
        assertProblem(tokenJson("{\"username\":\"" + ADMIN + "\",\"password\":\"x\"}"), 400, null,
                "validation_failed");
    }

    @Test
    void anUnknownGrantTypeIs400() {
        assertProblem(tokenForm(Map.of("grant_type", "authorization_code", "code", "abc")), 400, null,
                "validation_failed");
    }

    @Test
    void aMissingPasswordIs400() {
        assertProblem(tokenForm(Map.of("grant_type", "password", "username", ADMIN)), 400, null, "validation_failed");
    }

    @Test
    void aFieldSentTwiceIs400() {
        assertProblem(tokenFormRaw("grant_type=password&username=" + ADMIN + "&password=a&password=b"), 400, null,
                "validation_failed");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(tokenJson("{\"grant_type\": \"password\", "), 400, null, "validation_failed");
    }

    @Test
    void anotherMediaTypeIs415() {
        assertProblem(Http.send(http.request("api/auth/token").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password"))), 415, null,
                "unsupported_media_type");
    }

    @Test
    void tooManyAttemptsAre429WithRetryAfter() {
        String user = "brute-force-target";
        http.freezeClock(); // no token may refill while the ten Argon2 checks run on a slow machine
        HttpResponse<String> limited;
        try {
            for (int i = 0; i < 10; i++) {
                assertEquals(401, passwordGrant(user, "guess-" + i).statusCode());
            }
            limited = passwordGrant(user, "guess-10");
        } finally {
            http.releaseClock();
        }
        assertProblem(limited, 429, null, "rate_limited");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("10", limited.headers().firstValue("RateLimit-Limit").orElse(""));
        assertEquals("0", limited.headers().firstValue("RateLimit-Remaining").orElse(""));
        assertEquals(String.valueOf(retryAfter), limited.headers().firstValue("RateLimit-Reset").orElse(""));
    }

    // --- authorization by the token's roles

    @Test
    void aViewerTokenIs403OnUsers() {
        String admin = accessToken(ADMIN, ADMIN_PASSWORD);
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "viewer-Password-0123456789";
        HttpResponse<String> created = Http.send(http.request("api/users").header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + viewer + "\",\"password\":\"" + password + "\",\"roles\":[\"viewer\"]}")));
        assertEquals(201, created.statusCode(), created.body());
        assertProblem(users(accessToken(viewer, password)), 403, null, "forbidden");
    }

    @Test
    void aTokenForARoleTheServerDoesNotKnowHasNoPermissions() {
        assertProblem(users(ours(claims().claim("roles", List.of("superuser", "root")).build())), 403, null,
                "forbidden");
    }

    // --- what the server accepts, so that the refusals below mean something

    @Test
    void aTokenSignedWithTheServerSecretWorks() {
        assertEquals(200, users(ours(claims().build())).statusCode());
    }

    @Test
    void anRs256TokenOfTheJwksIssuerWorks() {
        assertEquals(200, users(rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa").build(),
                issuerRsa)).statusCode());
    }

    @Test
    void anEs256TokenOfTheJwksIssuerWorks() throws Exception {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("issuer-ec").build(), claims().build(),
                new ECDSASigner(issuerEc));
        assertEquals(200, users(token).statusCode());
    }

    // --- the jwt_tool attacks

    @Test
    void algNoneIsRefused() {
        assertInvalid(new PlainJWT(claims().build()).serialize());
    }

    @Test
    void hs256SignedWithAnotherKeyIsRefused() {
        assertInvalid(hs256(claims().build(), utf8("attacker-secret-0123456789abcdef-0123")));
    }

    @Test
    void rs256SignedByAnAttackerKeyIsRefused() {
        assertInvalid(rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("issuer-rsa").build(), attackerRsa));
    }

    @Test
    void keyConfusionHs256KeyedWithTheIssuersPublicKeyIsRefused() throws Exception {
        assertInvalid(hs256(claims().build(), issuerRsa.toRSAPublicKey().getEncoded()));
    }

    @Test
    void anEmbeddedJwkHeaderIsRefused() {
        assertInvalid(rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attackerRsa.toPublicJWK()).build(),
                attackerRsa));
    }

    @Test
    void aJkuHeaderIsNeitherFetchedNorTrusted() {
        int before = ATTACKER_FETCHES.get();
        assertInvalid(rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker")
                .jwkURL(URI.create(keyServerUrl("/attacker/jwks.json"))).build(), attackerRsa));
        assertEquals(before, ATTACKER_FETCHES.get());
    }

    @Test
    void anX5uHeaderIsNeitherFetchedNorTrusted() {
        int before = ATTACKER_FETCHES.get();
        assertInvalid(rs256(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker")
                .x509CertURL(URI.create(keyServerUrl("/attacker/cert.pem"))).build(), attackerRsa));
        assertEquals(before, ATTACKER_FETCHES.get());
    }

    @Test
    void aKidPathTraversalToDevNullIsRefused() throws Exception {
        // HMAC pads its key with zeros: 32 zero bytes sign exactly as the empty /dev/null would.
        assertInvalid(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("../../../../../../dev/null").build(),
                claims().build(), new MACSigner(new byte[32])));
    }

    @Test
    void aKidSqlInjectionIsRefused() throws Exception {
        String key = "attacker-chosen-key-0123456789abcdef";
        assertInvalid(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("x' UNION SELECT '" + key + "' -- ")
                .build(), claims().build(), new MACSigner(utf8(key))));
    }

    @Test
    void aNullSignatureIsRefused() {
        String token = ours(claims().build());
        assertInvalid(token.substring(0, token.lastIndexOf('.') + 1));
    }

    @Test
    void aTruncatedSignatureIsRefused() {
        String token = ours(claims().build());
        assertInvalid(token.substring(0, token.length() - 5));
    }

    @Test
    void anExpiredTokenIs401TokenExpired() {
        String token = ours(claims().issueTime(secondsFromNow(-7200)).expirationTime(secondsFromNow(-3600)).build());
        assertProblem(users(token), 401, EXPIRED_CHALLENGE, "token_expired");
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        assertInvalid(ours(claims().notBeforeTime(secondsFromNow(600)).build()));
    }

    @Test
    void aWrongIssuerIsRefused() {
        assertInvalid(ours(claims().issuer("https://evil.example").build()));
    }

    @Test
    void aWrongAudienceIsRefused() {
        assertInvalid(ours(claims().audience("another-api").build()));
    }

    @Test
    void aMissingExpIsRefused() {
        assertInvalid(ours(claims().expirationTime(null).build()));
    }

    @Test
    void garbageIsRefused() {
        assertInvalid("not-a-jwt");
    }
}
