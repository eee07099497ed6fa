package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
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
 * Sign-in through a real OpenID provider: no.nav's mock-oauth2-server, started here on loopback, with discovery,
 * JWKS, the authorization endpoint (it signs the person in at once) and the token endpoint. The whole redirect chain
 * is followed by hand over real HTTP: our authorize → the provider → our callback. The provider's callbacks
 * ({@code enqueueCallback}) make the ID tokens the refusals need: another nonce, another audience, expired.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OidcIT {

    private static final String CLIENT_ID = "warden-it";
    private static MockOAuth2Server provider;

    @ArquillianResource
    private URL base;
    private Http http;

    @Deployment(testable = false)
    static WebArchive deployment() {
        provider = new MockOAuth2Server();
        provider.start();
        return Deployments.war(Map.of("WARDEN_OIDC_ISSUER", provider.issuerUrl("default").toString(),
                "WARDEN_OIDC_CLIENT_ID", CLIENT_ID, "WARDEN_OIDC_CLIENT_SECRET", "it-client-secret-0123456789"));
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.shutdown();
        }
    }

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private static HttpResponse<String> get(URI uri) {
        return Http.send(HttpRequest.newBuilder(uri).GET());
    }

    private static URI location(HttpResponse<String> response) {
        assertEquals(302, response.statusCode(), response.body());
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Our authorize → the provider's authorization endpoint: the URL of our callback the provider sends back. */
    private URI toCallback() {
        URI atProvider = location(http.get("api/auth/oauth2/authorize", null));
        return location(get(atProvider));
    }

    private static JsonObject claims(String jwt) {
        return object(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private String signIn() {
        HttpResponse<String> answer = get(toCallback());
        assertEquals(200, answer.statusCode(), answer.body());
        return object(answer.body()).getString("access_token");
    }

    private static void assertRefused(HttpResponse<String> response, String code) {
        assertProblem(response, 401, code);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="));
        assertFalse(response.body().contains("access_token"), response.body());
    }

    // The flow

    @Test
    void authorizeRedirectsToTheProviderWithStateNonceAndPkce() {
        URI atProvider = location(http.get("api/auth/oauth2/authorize", null));
        assertTrue(atProvider.toString().startsWith(provider.issuerUrl("default").toString()), atProvider.toString());
        Map<String, String> params = query(atProvider);
        assertEquals("code", params.get("response_type"));
        assertEquals(CLIENT_ID, params.get("client_id"));
        assertEquals("S256", params.get("code_challenge_method"));
        assertNotNull(params.get("code_challenge"));
        assertNotNull(params.get("state"));
        assertNotNull(params.get("nonce"));
        assertTrue(params.get("scope").contains("openid"), params.get("scope"));
        assertTrue(params.get("redirect_uri").endsWith("/api/auth/oauth2/callback"), params.get("redirect_uri"));
        assertFalse(params.containsKey("code_verifier"));
    }

    @Test
    void theCallbackAnswersAPlatformTokenThatWorks() {
        HttpResponse<String> answer = get(toCallback());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
        JsonObject body = object(answer.body());
        assertEquals("Bearer", body.getString("token_type"));
        assertTrue(body.getInt("expires_in") > 0);
        HttpResponse<String> agents = http.get("api/agents", "Bearer " + body.getString("access_token"));
        assertEquals(200, agents.statusCode(), agents.body());
    }

    @Test
    void aFirstLoginCreatesAViewer() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "carol-sub", "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", "carol"), 3600));
        JsonObject claims = claims(signIn());
        assertEquals("carol", claims.getString("sub"));
        assertEquals("viewer", claims.getJsonArray("roles").getString(0));
        assertProblem(http.json("POST", "api/agents/secure-agent/keys", "{\"name\":\"x\"}",
                "Bearer " + signInAs("carol-sub", "carol")), 403, "forbidden");
    }

    private String signInAs(String subject, String preferredUsername) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", preferredUsername), 3600));
        return signIn();
    }

    @Test
    void thePersonIsLinkedBySubjectNotByName() {
        String first = claims(signInAs("dave-sub", "dave")).getString("sub");
        String again = claims(signInAs("dave-sub", "dave-renamed")).getString("sub");
        String other = claims(signInAs("someone-else-sub", "dave")).getString("sub");
        assertEquals(first, again);
        assertNotEquals(first, other, "another subject with the same name is another user");
    }

    // Refusals

    @Test
    void anUnknownStateIsRefused() {
        assertRefused(http.get("api/auth/oauth2/callback?code=abc&state=forged-state", null), "oauth_state_invalid");
    }

    @Test
    void aReplayedCallbackIsRefused() {
        URI callback = toCallback();
        assertEquals(200, get(callback).statusCode());
        assertRefused(get(callback), "oauth_state_invalid");
    }

    @Test
    void aCodeReplayedUnderANewStateIsRefused() {
        URI first = toCallback();
        assertEquals(200, get(first).statusCode());
        URI second = toCallback();
        String replay = second.toString().replaceAll("code=[^&]+", "code=" + query(first).get("code"));
        assertRefused(get(URI.create(replay)), "oauth_code_invalid");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "nonce-sub", "JWT", List.of(CLIENT_ID),
                Map.of("nonce", "not-the-one-we-sent"), 3600));
        assertRefused(get(toCallback()), "token_invalid");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "aud-sub", "JWT", List.of(CLIENT_ID),
                Map.of("aud", "another-client"), 3600));
        assertRefused(get(toCallback()), "token_invalid");
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "iss-sub", "JWT", List.of(CLIENT_ID),
                Map.of("iss", "https://idp.example.org/evil"), 3600));
        assertRefused(get(toCallback()), "token_invalid");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        // The provider's ID token lives 30 s; our clock (which judges exp) is two minutes on when the code comes back.
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("default", "old-sub", "JWT", List.of(CLIENT_ID),
                Map.of(), 30));
        URI callback = toCallback();
        http.advanceClock(java.time.Duration.ofMinutes(2));
        assertRefused(get(callback), "token_invalid");
    }

    @Test
    void aProviderErrorIsRefused() {
        URI atProvider = location(http.get("api/auth/oauth2/authorize", null));
        String state = query(atProvider).get("state");
        assertRefused(http.get("api/auth/oauth2/callback?error=access_denied&state=" + state, null),
                "oauth_code_invalid");
    }

    @Test
    void aReturnToOnAnotherHostIsRefused() {
        JsonObject problem = assertProblem(http.get("api/auth/oauth2/authorize?return_to=https%3A%2F%2Fevil.example%2F",
                null), 400, "validation_failed");
        assertEquals("/return_to", problem.getJsonArray("errors").getJsonObject(0).getString("pointer"));
    }

    @Test
    void aSchemeRelativeReturnToIsRefused() {
        assertProblem(http.get("api/auth/oauth2/authorize?return_to=%2F%2Fevil.example%2F", null), 400,
                "validation_failed");
    }

    @Test
    void aLocalReturnToIsAccepted() {
        assertEquals(302, http.get("api/auth/oauth2/authorize?return_to=%2Fconsole%2F", null).statusCode());
    }
}
