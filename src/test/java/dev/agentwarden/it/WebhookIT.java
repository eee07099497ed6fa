package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
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
 * Webhooks into an agent, signed as Standard Webhooks or as the seed's bare HMAC. The test signs with its own HMAC
 * code (javax.crypto), not the product's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebhookIT {

    private static final String HOOK = "api/agents/secure-agent/webhook";
    private static final String SUPPORT_HOOK = "api/agents/support-agent/webhook";
    private static final String BODY = "{\"event\":\"order.paid\",\"order\":42}";

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

    private String newSecret(String agent, String grace) {
        HttpResponse<String> created = http.json("POST", "api/agents/" + agent + "/webhook/secret",
                grace == null ? null : "{\"grace\":\"" + grace + "\"}", Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        return object(created.body()).getString("secret");
    }

    /** The deployment's time (its clock may have been moved by another test of this class). */
    private long serverNow() {
        return http.advanceClock(Duration.ZERO).getEpochSecond();
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String standardSignature(String secret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
    }

    private HttpResponse<String> standard(String path, String id, long timestamp, String signature, String body) {
        return Http.send(http.request(path).header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> signed(String path, String secret, String body) {
        String id = "msg_" + UUID.randomUUID();
        long now = serverNow();
        return standard(path, id, now, standardSignature(secret, id, now, body), body);
    }

    private HttpResponse<String> bare(String path, String signature, String body) {
        HttpRequest.Builder request = http.request(path).header("Content-Type", "application/json");
        if (signature != null) {
            request.header("X-SwiftClaw-Signature", signature);
        }
        return Http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertRefused(HttpResponse<String> response, String code) {
        assertProblem(response, 401, code);
        assertEquals(true, response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Signature"));
    }

    @Test
    void aStandardWebhookIsAcceptedWith204() {
        String secret = newSecret("secure-agent", null);
        HttpResponse<String> response = signed(HOOK, secret, BODY);
        assertEquals(204, response.statusCode(), response.body());
    }

    @Test
    void theSeedsBareSignatureIsAccepted() {
        String secret = newSecret("secure-agent", null);
        String signature = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), BODY));
        assertEquals(204, bare(HOOK, signature, BODY).statusCode());
    }

    @Test
    void theAgentsAnswerIsTheResponse() {
        String secret = newSecret("support-agent", null);
        HttpResponse<String> response = signed(SUPPORT_HOOK, secret, BODY);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(42, object(response.body()).getJsonObject("received").getInt("order"));
    }

    @Test
    void aMissingSignatureIs401() {
        newSecret("secure-agent", null);
        assertRefused(bare(HOOK, null, BODY), "signature_missing");
    }

    @Test
    void aWrongSignatureIs401() {
        newSecret("secure-agent", null);
        assertRefused(bare(HOOK, "0".repeat(64), BODY), "signature_invalid");
    }

    @Test
    void anotherBodyUnderTheSignatureIs401() {
        String secret = newSecret("secure-agent", null);
        String id = "msg_" + UUID.randomUUID();
        long now = serverNow();
        assertRefused(standard(HOOK, id, now, standardSignature(secret, id, now, BODY), BODY.replace("42", "43")),
                "signature_invalid");
    }

    @Test
    void anOldTimestampIs401() {
        String secret = newSecret("secure-agent", null);
        String id = "msg_" + UUID.randomUUID();
        long old = serverNow() - 301;
        assertRefused(standard(HOOK, id, old, standardSignature(secret, id, old, BODY), BODY),
                "timestamp_out_of_range");
    }

    @Test
    void aReplayedIdIs401() {
        String secret = newSecret("secure-agent", null);
        String id = "msg_" + UUID.randomUUID();
        long now = serverNow();
        String signature = standardSignature(secret, id, now, BODY);
        assertEquals(204, standard(HOOK, id, now, signature, BODY).statusCode());
        assertRefused(standard(HOOK, id, now, signature, BODY), "webhook_replayed");
    }

    @Test
    void thePreviousSecretVerifiesDuringTheGrace() {
        String old = newSecret("secure-agent", null);
        newSecret("secure-agent", "1h");
        assertEquals(204, signed(HOOK, old, BODY).statusCode());
    }

    @Test
    void thePreviousSecretIsRefusedAfterTheGrace() {
        String old = newSecret("secure-agent", null);
        String current = newSecret("secure-agent", "1h");
        Instant later = http.advanceClock(Duration.ofMinutes(61));
        String id = "msg_" + UUID.randomUUID();
        long now = later.getEpochSecond();
        assertRefused(standard(HOOK, id, now, standardSignature(old, id, now, BODY), BODY), "signature_invalid");
        String next = "msg_" + UUID.randomUUID();
        assertEquals(204, standard(HOOK, next, now, standardSignature(current, next, now, BODY), BODY).statusCode());
    }

    @Test
    void anAgentCanRequireTimestampedWebhooks() {
        String secret = newSecret("support-agent", null);
        HttpResponse<String> set = Http.send(http.request("api/agents/support-agent")
                .header("Authorization", Http.admin()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"security\":{\"webhooks\":{\"requireTimestamp\":true}}}")));
        assertEquals(200, set.statusCode(), set.body());
        try {
            String signature = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), BODY));
            assertRefused(bare(SUPPORT_HOOK, signature, BODY), "signature_missing");
        } finally {
            Http.send(http.request("api/agents/support-agent").header("Authorization", Http.admin())
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        }
    }

    @Test
    void creatingASecretNeedsCredentials() {
        Problems.assertUnauthorized(http.json("POST", HOOK + "/secret", null, null), "invalid_credentials", false);
    }

    @Test
    void anUnknownAgentIs404() {
        assertProblem(bare("api/agents/nobody/webhook", "0".repeat(64), BODY), 404, "not_found");
    }
}
