package dev.agentwarden.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every vector of shared/reference/signalwire/webhook_signatures.md §8 (8.1 A-C, 8.2 D-E3, 8.3 F-G, 8.4 N1-N10),
 * then the header selection and the edge cases the document describes. Values the document does not print were
 * computed with Python's hmac/hashlib, as noted where they appear.
 */
class SignalWireSignatureTest {

    private static final String PSK = "PSKtest1234567890abcdef";
    private static final SignalWireSignature PSK_SIG = new SignalWireSignature(PSK);
    private static final SignalWireSignature TEST_KEY = new SignalWireSignature("test-key");

    private static final String A_URL = "https://example.ngrok.io/webhook";
    private static final String A_BODY = "{\"event\":\"call.state\",\"params\":{\"call_id\":\"abc-123\",\"state\":\"answered\"}}";
    private static final String A_SIGNATURE = "c3c08c1fefaf9ee198a100d5906765a6f394bf0f";

    private static final SignalWireSignature B_SIG = new SignalWireSignature("12345");
    private static final String B_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String B_BODY =
            "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    private static final String B_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static final String C_URL =
            "https://example.ngrok.io/webhook?bodySHA256=69f3cbfc18e386ef8236cb7008cd5a54b7fed637a8cb3373b5a1591d7f0fd5f4";
    private static final String C_BODY = "{\"event\":\"call.state\"}";
    private static final String C_SIGNATURE = "dfO9ek8mxyFtn2nMz24plPmPfIY=";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // §8.1

    @Test
    void vectorASchemeAHex() {
        assertTrue(PSK_SIG.verify(A_SIGNATURE, A_URL, utf8(A_BODY)));
    }

    @Test
    void vectorBSchemeBForm() {
        assertTrue(B_SIG.verify(B_SIGNATURE, B_URL, utf8(B_BODY)));
    }

    @Test
    void vectorCBodySha256() {
        assertTrue(PSK_SIG.verify(C_SIGNATURE, C_URL, utf8(C_BODY)));
    }

    // §8.2

    @Test
    void vectorDRepeatedKeysInSubmissionOrder() {
        assertTrue(TEST_KEY.verify("x8TMzW4SfG5TI4zuo4PFIS1APNA=", "https://example.com/hook", utf8("To=a&To=b")));
    }

    @Test
    void vectorE1DefaultPortAdded() {
        assertTrue(TEST_KEY.verify("lCrjup9EGpBE8MRekOjH9elqPwc=", "https://example.com/webhook", utf8("{}")));
    }

    @Test
    void vectorE2DefaultPortStripped() {
        assertTrue(TEST_KEY.verify("9+wKdQNN3yvz1CXdPmScXbeWJKE=", "https://example.com:443/webhook", utf8("{}")));
    }

    @Test
    void vectorE3Http80() {
        assertTrue(TEST_KEY.verify("P1kem4hH/JPER+ea53tzddVPzj8=", "http://example.com/path", new byte[0]));
    }

    // §8.3

    @Test
    void vectorFSwaigRoute() {
        byte[] body = utf8("{\"function\":\"ping\",\"argument\":{\"parsed\":[{}]}}");

        assertTrue(PSK_SIG.verify("9a73e9bb8c1ecf6df120f3b4858ddf3bba5f530d", "http://127.0.0.1:3000/swaig", body));
    }

    @Test
    void vectorGRootRoute() {
        assertTrue(PSK_SIG.verify("bb0aabbc46cd471ea527fd997165af575e1cc07d", "http://127.0.0.1:3000/", utf8("{}")));
    }

    // §8.4

    @Test
    void n1AlteredBodyIsRefused() {
        assertFalse(PSK_SIG.verify(A_SIGNATURE, A_URL, utf8(A_BODY.replace("answered", "ringing"))));
    }

    @Test
    void n1SignatureOfTheAlteredBodyIsAcceptedForIt() {
        byte[] ringing = utf8(A_BODY.replace("answered", "ringing"));

        assertTrue(PSK_SIG.verify("fc4145864ca440d7d470860328cfb181747287ce", A_URL, ringing));
    }

    @Test
    void n2WrongKeyIsRefused() {
        assertFalse(new SignalWireSignature("wrong-key").verify(A_SIGNATURE, A_URL, utf8(A_BODY)));
    }

    @Test
    void n3WrongUrlIsRefused() {
        assertFalse(PSK_SIG.verify(A_SIGNATURE, "https://example.ngrok.io/different", utf8(A_BODY)));
    }

    @Test
    void n4UpperCaseHexIsRefused() {
        assertFalse(PSK_SIG.verify(A_SIGNATURE.toUpperCase(Locale.ROOT), A_URL, utf8(A_BODY)));
    }

    @Test
    void n5SchemeAHasNoPortVariant() {
        assertFalse(PSK_SIG.verify(A_SIGNATURE, "https://example.ngrok.io:443/webhook", utf8(A_BODY)));
    }

    @Test
    void n6BodySha256MismatchIsRefused() {
        assertFalse(PSK_SIG.verify(C_SIGNATURE, C_URL, utf8("{\"event\":\"DIFFERENT\"}")));
    }

    @Test
    void n7ReorderedRepeatedKeysAreRefused() {
        assertFalse(TEST_KEY.verify("x8TMzW4SfG5TI4zuo4PFIS1APNA=", "https://example.com/hook", utf8("To=b&To=a")));
    }

    @Test
    void n7SignatureOfTheReorderedBodyIsAcceptedForIt() {
        assertTrue(TEST_KEY.verify("dQn1bN5hDTw1XHrT80GWWIOO+q8=", "https://example.com/hook", utf8("To=b&To=a")));
    }

    @Test
    void n8UnreconstructedProxyUrlIsRefused() {
        assertFalse(PSK_SIG.verify(A_SIGNATURE, "http://localhost:8080/webhook", utf8(A_BODY)));
    }

    @Test
    void n9NonDefaultPortHasNoVariant() {
        assertFalse(B_SIG.verify(B_SIGNATURE, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", utf8(B_BODY)));
    }

    @Test
    void n10EmptySignatureIsRefused() {
        assertFalse(PSK_SIG.verify("", A_URL, utf8(A_BODY)));
    }

    @Test
    void n10MissingHeaderIsRefused() {
        assertFalse(PSK_SIG.verifyRequest(Map.of("Content-Type", List.of("application/json")), A_URL, utf8(A_BODY)));
    }

    // Headers (§1)

    @Test
    void mainHeaderIsReadCaseInsensitively() {
        assertTrue(PSK_SIG.verifyRequest(Map.of("x-signalwire-signature", List.of(A_SIGNATURE)), A_URL, utf8(A_BODY)));
    }

    @Test
    void legacyTwilioHeaderIsAccepted() {
        assertTrue(PSK_SIG.verifyRequest(Map.of("X-Twilio-Signature", List.of(A_SIGNATURE)), A_URL, utf8(A_BODY)));
    }

    @Test
    void legacyHeaderIsUsedWhenTheMainOneIsEmpty() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-SignalWire-Signature", List.of(""));
        headers.put("X-Twilio-Signature", List.of(A_SIGNATURE));

        assertEquals(A_SIGNATURE, SignalWireSignature.signatureHeader(headers));
    }

    @Test
    void mainHeaderWinsOverTheLegacyOne() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Twilio-Signature", List.of("legacy"));
        headers.put("X-SignalWire-Signature", List.of(A_SIGNATURE));

        assertEquals(A_SIGNATURE, SignalWireSignature.signatureHeader(headers));
    }

    @Test
    void noHeaderGivesNoSignature() {
        assertNull(SignalWireSignature.signatureHeader(Map.of()));
    }

    @Test
    void noSha256HeaderIsRead() {
        Map<String, List<String>> headers = Map.of("X-SignalWire-SHA256-Signature", List.of(A_SIGNATURE));

        assertNull(SignalWireSignature.signatureHeader(headers));
    }

    @Test
    void signatureIsNotTrimmed() {
        assertFalse(PSK_SIG.verify(A_SIGNATURE + " ", A_URL, utf8(A_BODY)));
    }

    // Scheme details (§3, §4)

    /** A JSON body has no '=', so it is not parsed as a form: scheme B over url + body is not tried (Java SDK). */
    @Test
    void schemeBOverAnUnparsedJsonBodyIsRefused() {
        // base64 of the same HMAC as vector A (python: base64.b64encode(bytes.fromhex(A_SIGNATURE)))
        assertFalse(PSK_SIG.verify("w8CMH++vnuGYoQDVkGdlpvOUvw8=", A_URL, utf8(A_BODY)));
    }

    @Test
    void vectorBAlsoVerifiesSignedWithTheDefaultPort() {
        // python: base64(hmac sha1 "12345", "https://mycompany.com:443/myapp.php?foo=1&bar=2CallSid...To+18005551212")
        assertTrue(B_SIG.verify("kvajT1Ptam85bY51eRf/AJRuM3w=", B_URL, utf8(B_BODY)));
    }

    @Test
    void bodySha256IsComparedIgnoringCase() {
        // python: base64(hmac sha1 PSK, C_URL with the hex upper-cased)
        String url = "https://example.ngrok.io/webhook?bodySHA256=" + C_URL.substring(C_URL.indexOf('=') + 1).toUpperCase(Locale.ROOT);

        assertTrue(PSK_SIG.verify("6XOI0qUntXKnT+InPR2gGuznIaE=", url, utf8(C_BODY)));
    }

    @Test
    void pairWithMalformedEscapeIsLeftOut() {
        // python: base64(hmac sha1 "test-key", "https://example.com/hookb2")
        assertTrue(TEST_KEY.verify("XrgNZVWVi7hM3YjqbfGqfv0ePnY=", "https://example.com/hook", utf8("a=%zz&b=2")));
    }

    @Test
    void ipv6HostGetsTheDefaultPortAfterTheBracket() {
        // python: base64(hmac sha1 "test-key", "https://[::1]:443/webhook")
        assertTrue(TEST_KEY.verify("2pJbrWTMnWSG9SOs8H6V6VThwck=", "https://[::1]/webhook", new byte[0]));
    }

    @Test
    void bodyThatIsNotUtf8IsRefused() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        assertFalse(PSK_SIG.verify(A_SIGNATURE, A_URL, latin1));
    }

    @Test
    void nullBodyIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PSK_SIG.verify(A_SIGNATURE, A_URL, null));

        assertEquals("the URL and the raw body are required (an empty body is empty, not null)", e.getMessage());
    }

    @Test
    void emptyKeyIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SignalWireSignature(""));

        assertEquals("the SignalWire signing key is required", e.getMessage());
    }

    @Test
    void toStringHoldsNoKey() {
        assertEquals("SignalWireSignature[HMAC-SHA1]", PSK_SIG.toString());
    }

    // Legacy pre-parsed parameters (§4.4 validateRequest)

    @Test
    void vectorBFromAMultiValuedMap() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("To", List.of("+18005551212"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675309"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675309"));

        assertTrue(B_SIG.verifyParams(B_SIGNATURE, B_URL, params));
    }

    @Test
    void vectorDFromPairs() {
        List<Map.Entry<String, String>> pairs = List.of(Map.entry("To", "a"), Map.entry("To", "b"));

        assertTrue(TEST_KEY.verifyParams("x8TMzW4SfG5TI4zuo4PFIS1APNA=", "https://example.com/hook", pairs));
    }

    @Test
    void vectorE2FromNoParams() {
        List<Map.Entry<String, String>> none = null;

        assertTrue(TEST_KEY.verifyParams("9+wKdQNN3yvz1CXdPmScXbeWJKE=", "https://example.com:443/webhook", none));
    }

    @Test
    void paramsSkipTheBodySha256Check() {
        assertTrue(PSK_SIG.verifyParams(C_SIGNATURE, C_URL, List.of()));
    }

    @Test
    void paramsInAnotherOrderOfRepeatedKeysAreRefused() {
        List<Map.Entry<String, String>> pairs = List.of(Map.entry("To", "b"), Map.entry("To", "a"));

        assertFalse(TEST_KEY.verifyParams("x8TMzW4SfG5TI4zuo4PFIS1APNA=", "https://example.com/hook", pairs));
    }

    // Candidate URLs (§4.3)

    @Test
    void httpsWithoutPortAlsoTries443() {
        assertEquals(List.of("https://a.example/p?q=1#f", "https://a.example:443/p?q=1#f"),
                SignalWireSignature.candidateUrls("https://a.example/p?q=1#f"));
    }

    @Test
    void httpWith80AlsoTriesWithout() {
        assertEquals(List.of("http://u@a.example:80?q", "http://u@a.example?q"),
                SignalWireSignature.candidateUrls("http://u@a.example:80?q"));
    }

    @Test
    void httpsWith80IsTriedAlone() {
        assertEquals(List.of("https://a.example:80/p"), SignalWireSignature.candidateUrls("https://a.example:80/p"));
    }

    @Test
    void otherSchemeIsTriedAlone() {
        assertEquals(List.of("wss://a.example/p"), SignalWireSignature.candidateUrls("wss://a.example/p"));
    }

    @Test
    void unparseableUrlIsTriedAlone() {
        assertEquals(List.of("https://a.example:x/p"), SignalWireSignature.candidateUrls("https://a.example:x/p"));
    }

    @Test
    void ipv6WithDefaultPortAlsoTriesWithout() {
        assertEquals(List.of("https://[::1]:443/p", "https://[::1]/p"), SignalWireSignature.candidateUrls("https://[::1]:443/p"));
    }

    @Test
    void formParsingDecodesPlusAndEscapesAndKeepsBlankValues() {
        assertEquals(List.of(Map.entry("a b", "+1"), Map.entry("c", ""), Map.entry("d", "")),
                SignalWireSignature.parseForm("a+b=%2B1&c=&d"));
    }
}
