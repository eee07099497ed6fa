package dev.agentwarden.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The expected values were computed outside Java with OpenSSL 3.0, for example:
 * <pre>
 * printf '%s' '{"event":"agent.updated","id":"evt_1"}' | openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
 * </pre>
 */
class SwiftClawSignatureTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"event\":\"agent.updated\",\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    /** openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' over BODY. */
    private static final String EXPECTED = "dd7dd5a1bba16aa79393583dbc1d0d30d1831260341faa1fbf8522de12c51c84";
    /** The same body keyed with the base64 part only (no whsec_ prefix): what this scheme must NOT be. */
    private static final String WITHOUT_PREFIX = "6bbfbfbf97f8c40281946ad6124a28323912f0788a79957d43f2de5123237e6b";

    private static final SwiftClawSignature SIGNATURE = new SwiftClawSignature(SECRET);

    @Test
    void signsWithTheWholeSecretStringAsKey() {
        assertEquals(EXPECTED, SIGNATURE.sign(BODY));
    }

    /** printf '' | openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' */
    @Test
    void signsAnEmptyBody() {
        assertEquals("da5f5865984e699a69cfec62ce49a76daf8ae4601b54a781fa13f3b2d3b2088a", SIGNATURE.sign(new byte[0]));
    }

    /** printf 'caf\xc3\xa9' | openssl dgst -sha256 -hmac 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' */
    @Test
    void signsTheRawUtf8Bytes() {
        byte[] body = {'c', 'a', 'f', (byte) 0xc3, (byte) 0xa9};

        assertEquals("099d77ff938f063ec2741f605ca9eb5a4c1646bc7ff9f7d69ba8c2af1861bd00", SIGNATURE.sign(body));
    }

    @Test
    void verifiesTheOpensslValue() {
        assertTrue(SIGNATURE.verify(BODY, EXPECTED));
    }

    @Test
    void verifiesUpperCaseHex() {
        assertTrue(SIGNATURE.verify(BODY, EXPECTED.toUpperCase(Locale.ROOT)));
    }

    @Test
    void refusesTheSignatureKeyedWithoutThePrefix() {
        assertFalse(SIGNATURE.verify(BODY, WITHOUT_PREFIX));
    }

    @Test
    void refusesAnAlteredBody() {
        byte[] altered = "{\"event\":\"agent.updated\",\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8);

        assertFalse(SIGNATURE.verify(altered, EXPECTED));
    }

    @Test
    void refusesAnotherSecret() {
        assertFalse(new SwiftClawSignature("whsec_other").verify(BODY, EXPECTED));
    }

    @Test
    void refusesAMissingHeader() {
        assertFalse(SIGNATURE.verify(BODY, null));
    }

    @Test
    void refusesATruncatedSignature() {
        assertFalse(SIGNATURE.verify(BODY, EXPECTED.substring(0, 63)));
    }

    @Test
    void refusesAPrefixedSignature() {
        assertFalse(SIGNATURE.verify(BODY, "sha256=" + EXPECTED));
    }

    @Test
    void refusesAnEmptySecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SwiftClawSignature(""));

        assertEquals("the webhook secret is required", e.getMessage());
    }

    @Test
    void toStringHoldsNoSecret() {
        assertEquals("SwiftClawSignature[HMAC-SHA256]", SIGNATURE.toString());
    }
}
