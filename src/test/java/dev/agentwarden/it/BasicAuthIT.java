package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP Basic on the agent routes: every way to fail it is refused with 401, challenge and the SDK's body. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BasicAuthIT {

    private static final String CHALLENGE = "Basic realm=\"agent-warden\", charset=\"UTF-8\"";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private HttpResponse<String> getRoot(String authorization) {
        HttpRequest.Builder request = http.request("").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertEquals(CHALLENGE, response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"error\":\"Unauthorized\"}", response.body());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noAuthorizationHeaderIs401() {
        assertUnauthorized(getRoot(null));
    }

    @Test
    void aBearerSchemeIs401() {
        assertUnauthorized(getRoot("Bearer abc"));
    }

    @Test
    void aDigestSchemeIs401() {
        assertUnauthorized(getRoot("Digest username=\"tester\""));
    }

    @Test
    void aSchemeWithoutCredentialsIs401() {
        assertUnauthorized(getRoot("Basic "));
    }

    @Test
    void invalidBase64Is401() {
        assertUnauthorized(getRoot("Basic %%%not-base64%%%"));
    }

    @Test
    void credentialsWithoutAColonAre401() {
        assertUnauthorized(getRoot("Basic " + b64(Deployments.USER + Deployments.PASSWORD)));
    }

    @Test
    void anEmptyUserIs401() {
        assertUnauthorized(getRoot("Basic " + b64(":" + Deployments.PASSWORD)));
    }

    @Test
    void aWrongPasswordIs401() {
        assertUnauthorized(getRoot(Http.basic(Deployments.USER, Deployments.PASSWORD + "x")));
    }

    @Test
    void aPasswordPrefixIs401() {
        assertUnauthorized(getRoot(Http.basic(Deployments.USER, Deployments.PASSWORD.substring(0, 5))));
    }

    @Test
    void anEmptyPasswordIs401() {
        assertUnauthorized(getRoot(Http.basic(Deployments.USER, "")));
    }

    @Test
    void aWrongUserIs401() {
        assertUnauthorized(getRoot(Http.basic("signalwire", Deployments.PASSWORD)));
    }

    @Test
    void invalidUtf8Is401() {
        byte[] bad = {(byte) 0xC3, (byte) 0x28, ':', 'x'};
        assertUnauthorized(getRoot("Basic " + Base64.getEncoder().encodeToString(bad)));
    }

    @Test
    void swaigWithoutCredentialsIs401() {
        assertUnauthorized(Http.send(http.request("swaig/").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"function\":\"get_balance\"}"))));
    }

    @Test
    void postPromptWithoutCredentialsIs401() {
        assertUnauthorized(Http.send(http.request("post_prompt/").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"call_id\":\"c\"}"))));
    }

    @Test
    void unknownPathsWithoutCredentialsAre401NotAMap() {
        assertUnauthorized(getRootOf("nonexistent"));
    }

    private HttpResponse<String> getRootOf(String path) {
        return Http.send(http.request(path).GET());
    }

    @Test
    void theRightCredentialsPass() {
        assertEquals(200, getRoot(Http.auth()).statusCode());
    }

    @Test
    void theSchemeIsCaseInsensitiveAsRfc7235Says() {
        assertEquals(200, getRoot(Http.auth().replace("Basic", "basic")).statusCode());
    }
}
