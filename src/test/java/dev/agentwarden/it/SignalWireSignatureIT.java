package dev.agentwarden.it;

import static dev.agentwarden.it.Swml.call;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With {@code SIGNALWIRE_SIGNING_KEY}, agent-route POSTs need SignalWire's signature (scheme A: lowercase hex
 * HMAC-SHA1 of the URL followed by the raw body), in addition to Basic auth. The test signs with javax.crypto itself.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignalWireSignatureIT {

    private static final String KEY = "PSKtest1234567890abcdef";
    private static final String SWML_BODY = "{\"call_id\":\"c-signed\"}";

    @ArquillianResource
    private URL base;
    private Http http;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("SIGNALWIRE_SIGNING_KEY", KEY));
    }

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private static String sign(String url, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal((url + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String body, String signature) {
        HttpRequest.Builder request = http.request(path).header("Authorization", Http.auth())
                .header("Content-Type", "application/json");
        if (signature != null) {
            request.header("X-SignalWire-Signature", signature);
        }
        return Http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertEquals(403, response.statusCode());
        assertEquals("{\"error\":\"Forbidden\"}", response.body());
    }

    @Test
    void aSignedSwaigCallRuns() {
        String body = call("get_balance", "{}", "c-signed-swaig");
        HttpResponse<String> response = post("swaig", body, sign(http.uri("swaig").toString(), body));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Balance is $150.00", object(response.body()).getString("response"));
    }

    @Test
    void aSignedSwmlPostIsServed() {
        HttpResponse<String> response = post("", SWML_BODY, sign(http.uri("").toString(), SWML_BODY));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("1.0.0", object(response.body()).getString("version"));
    }

    @Test
    void aMissingSignatureIs403() {
        assertForbidden(post("swaig", call("get_balance", "{}", "c-unsigned"), null));
    }

    @Test
    void anAlteredBodyIs403() {
        String body = call("get_balance", "{}", "c-altered");
        assertForbidden(post("swaig", body.replace("c-altered", "c-other"), sign(http.uri("swaig").toString(), body)));
    }

    @Test
    void aSignatureForAnotherUrlIs403() {
        String body = call("get_balance", "{}", "c-url");
        assertForbidden(post("swaig", body, sign("https://agent.example.com/swaig", body)));
    }

    @Test
    void aGetNeedsNoSignature() {
        assertEquals(200, http.get("").statusCode());
    }
}
