package dev.agentwarden.it;

import static dev.agentwarden.it.Swml.call;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentwarden.token.FunctionTokens;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Per-function tokens on {@code /swaig}: each way a token can be wrong is refused with 403 before the handler runs
 * (the support agent's {@code record_event} counts its runs), and the right token passes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FunctionTokenIT {

    private static final String FORBIDDEN = "{\"error\":\"Invalid or missing function token\"}";
    private static final String TRANSFER_ARGS = "{\"amount\":100,\"to_account\":\"1234567890\"}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(java.util.Map.of(), SupportAgent.class);
    }

    @ArquillianResource
    private URL base;

    private Http http;
    private String callId;

    @BeforeEach
    void client() {
        http = new Http(base);
        callId = "call-" + UUID.randomUUID();
    }

    /** The token the server minted for {@code function} in a SWML document for this test's call. */
    private String servedToken(String route, String function) {
        return Swml.token(object(http.postJson(route, "{\"call_id\":\"" + callId + "\"}").body()), function);
    }

    private HttpResponse<String> callWithToken(String route, String function, String args, String callId,
            String param, String token) {
        String query = token == null ? "" : "?" + param + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return http.postJson(route + "swaig/" + query, call(function, args, callId));
    }

    private HttpResponse<String> transfer(String token) {
        return callWithToken("", "transfer_funds", TRANSFER_ARGS, callId, "__token", token);
    }

    private int secureRuns() {
        HttpResponse<String> r = http.postJson("support/swaig/", call("secure_runs", "{}", "count-" + UUID.randomUUID()));
        return Integer.parseInt(object(r.body()).getString("response"));
    }

    private void assertRefusedWithoutRunning(String token, String callIdSent) {
        int before = secureRuns();
        HttpResponse<String> response = callWithToken("support/", "record_event", "{\"event\":\"x\"}", callIdSent,
                "__token", token);
        assertEquals(403, response.statusCode());
        assertEquals(FORBIDDEN, response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(before, secureRuns(), "the handler ran");
    }

    private static String alterOneCharacter(String token) {
        String plain = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        int last = plain.length() - 1;
        char flipped = plain.charAt(last) == 'a' ? 'b' : 'a';
        return Base64.getEncoder().encodeToString((plain.substring(0, last) + flipped).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theServedTokenOpensTheSecureFunction() {
        HttpResponse<String> response = transfer(servedToken("", "transfer_funds"));
        assertEquals(200, response.statusCode());
        assertEquals("{\"response\":\"Transferred $100 to account 1234567890\"}", response.body());
    }

    @Test
    void theLegacyTokenParameterIsAccepted() {
        HttpResponse<String> response = callWithToken("", "transfer_funds", TRANSFER_ARGS, callId, "token",
                servedToken("", "transfer_funds"));
        assertEquals(200, response.statusCode());
    }

    @Test
    void theSecureHandlerRunsWithAValidToken() {
        int before = secureRuns();
        HttpResponse<String> response = callWithToken("support/", "record_event", "{\"event\":\"login\"}", callId,
                "__token", servedToken("support", "record_event"));
        assertEquals("{\"response\":\"Recorded login\"}", response.body());
        assertEquals(before + 1, secureRuns());
    }

    @Test
    void aMissingTokenIs403AndTheHandlerNeverRuns() {
        assertRefusedWithoutRunning(null, callId);
    }

    @Test
    void anEmptyTokenIs403() {
        assertRefusedWithoutRunning("", callId);
    }

    @Test
    void aGarbageTokenIs403() {
        assertRefusedWithoutRunning("garbage", callId);
    }

    @Test
    void aBase64TokenOfTheWrongShapeIs403() {
        assertRefusedWithoutRunning("Ym9ndXMudG9rZW4=", callId);
    }

    @Test
    void anExpiredTokenIs403() {
        FunctionTokens sameKey = new FunctionTokens(Deployments.TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), 3600);
        long past = System.currentTimeMillis() / 1000 - 10;
        assertRefusedWithoutRunning(sameKey.mint("record_event", callId, past, "0011223344556677"), callId);
    }

    @Test
    void aTokenOfAnotherCallIs403() {
        assertRefusedWithoutRunning(servedToken("support", "record_event"), "call-OTHER");
    }

    @Test
    void aTokenWithoutCallIdInTheBodyIs403() {
        int before = secureRuns();
        String token = URLEncoder.encode(servedToken("support", "record_event"), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.postJson("support/swaig/?__token=" + token,
                "{\"function\":\"record_event\",\"argument\":{\"parsed\":[{\"event\":\"x\"}]}}");
        assertEquals(403, response.statusCode());
        assertEquals(FORBIDDEN, response.body());
        assertEquals(before, secureRuns());
    }

    @Test
    void aTokenOfAnotherFunctionIs403() {
        assertRefusedWithoutRunning(servedToken("", "delete_account"), callId);
    }

    @Test
    void thePostPromptTokenDoesNotOpenAFunction() {
        FunctionTokens sameKey = new FunctionTokens(Deployments.TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), 3600);
        assertRefusedWithoutRunning(sameKey.mint("post_prompt", callId, System.currentTimeMillis() / 1000), callId);
    }

    @Test
    void aTokenSignedWithAnotherKeyIs403() {
        FunctionTokens otherKey = new FunctionTokens("another-secret-another-secret-another-secret".getBytes(
                StandardCharsets.UTF_8), 3600);
        assertRefusedWithoutRunning(otherKey.mint("record_event", callId, System.currentTimeMillis() / 1000), callId);
    }

    @Test
    void aTokenAlteredInOneCharacterIs403() {
        assertRefusedWithoutRunning(alterOneCharacter(servedToken("support", "record_event")), callId);
    }

    @Test
    void aTokenStillPercentEncodedIs403() {
        FunctionTokens sameKey = new FunctionTokens(Deployments.TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), 3600);
        String nonce = "0011223344556677";
        String token = sameKey.mint("record_event", callId, System.currentTimeMillis() / 1000 + 600, nonce);
        while (!token.endsWith("=")) {
            nonce += "8";
            token = sameKey.mint("record_event", callId, System.currentTimeMillis() / 1000 + 600, nonce);
        }
        assertRefusedWithoutRunning(URLEncoder.encode(token, StandardCharsets.UTF_8), callId);
    }

    @Test
    void aTokenMintedElsewhereWithTheSameSecretIsValid() {
        // What a restart or a second node does: same SWML_FUNCTION_TOKEN_SECRET, another process.
        FunctionTokens sameKey = new FunctionTokens(Deployments.TOKEN_SECRET.getBytes(StandardCharsets.UTF_8), 3600);
        HttpResponse<String> response = transfer(sameKey.mint("transfer_funds", callId,
                System.currentTimeMillis() / 1000));
        assertEquals(200, response.statusCode());
        assertEquals("{\"response\":\"Transferred $100 to account 1234567890\"}", response.body());
    }

    @Test
    void aPlainFunctionIgnoresABadToken() {
        HttpResponse<String> response = callWithToken("", "get_balance", "{}", callId, "__token", "garbage");
        assertEquals(200, response.statusCode());
        assertEquals("{\"response\":\"Balance is $150.00\"}", response.body());
    }

    @Test
    void theSeedsOwnValidationStillAnswersBehindAValidToken() {
        HttpResponse<String> response = callWithToken("", "transfer_funds", "{\"amount\":20000,\"to_account\":\"1234567890\"}",
                callId, "__token", servedToken("", "transfer_funds"));
        assertEquals("{\"response\":\"Transfers over $10,000 require additional verification\"}", response.body());
    }
}
