package dev.agentwarden.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.webhook.StandardWebhooks.Outcome;
import dev.agentwarden.webhook.StandardWebhooks.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    /**
     * The vector every official Standard Webhooks library tests (standard-webhooks/standard-webhooks, libraries/go
     * webhook_test.go TestSign, libraries/csharp WebhookTest.cs, libraries/java TestScenario.validSigned); recomputed
     * with Python: base64(hmac.new(b64decode(secret), b"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}",
     * sha256).digest()).
     */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1_614_265_330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    private static final StandardWebhooks WEBHOOKS = at(TIMESTAMP, SECRET);

    private static StandardWebhooks at(long epochSecond, String... secrets) {
        return new StandardWebhooks(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), List.of(secrets));
    }

    private static Verification verify(StandardWebhooks webhooks, String signatures) {
        return webhooks.verify(ID, Long.toString(TIMESTAMP), signatures, BODY);
    }

    @Test
    void signsThePublishedVector() {
        assertEquals(SIGNATURE, WEBHOOKS.sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void secretWithoutPrefixSignsTheSame() {
        assertEquals(SIGNATURE, at(TIMESTAMP, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void verifiesThePublishedVector() {
        assertEquals(new Verification(Outcome.VALID, ID, TIMESTAMP), verify(WEBHOOKS, SIGNATURE));
    }

    @Test
    void verifiesFromHeadersMatchedCaseInsensitively() {
        Map<String, List<String>> headers = Map.of("Webhook-Id", List.of(ID), "WEBHOOK-TIMESTAMP", List.of("1614265330"),
                "webhook-Signature", List.of(SIGNATURE));

        assertEquals(Outcome.VALID, WEBHOOKS.verify(headers, BODY).outcome());
    }

    @Test
    void wrongSecretIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, verify(at(TIMESTAMP, OTHER_SECRET), SIGNATURE).outcome());
    }

    @Test
    void alteredBodyIsRefused() {
        byte[] altered = "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8);

        assertEquals(Outcome.SIGNATURE_INVALID, WEBHOOKS.verify(ID, "1614265330", SIGNATURE, altered).outcome());
    }

    @Test
    void alteredIdIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, WEBHOOKS.verify("msg_other", "1614265330", SIGNATURE, BODY).outcome());
    }

    @Test
    void alteredTimestampIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, WEBHOOKS.verify(ID, "1614265331", SIGNATURE, BODY).outcome());
    }

    @Test
    void timestampJustUnderFiveMinutesOldIsAccepted() {
        assertEquals(Outcome.VALID, verify(at(TIMESTAMP + 300, SECRET), SIGNATURE).outcome());
    }

    @Test
    void timestampMoreThanFiveMinutesOldIsRefused() {
        assertEquals(Outcome.TIMESTAMP_OUT_OF_RANGE, verify(at(TIMESTAMP + 301, SECRET), SIGNATURE).outcome());
    }

    @Test
    void timestampFiveMinutesAheadIsAccepted() {
        assertEquals(Outcome.VALID, verify(at(TIMESTAMP - 300, SECRET), SIGNATURE).outcome());
    }

    @Test
    void timestampMoreThanFiveMinutesAheadIsRefused() {
        assertEquals(Outcome.TIMESTAMP_OUT_OF_RANGE, verify(at(TIMESTAMP - 301, SECRET), SIGNATURE).outcome());
    }

    @Test
    void refusalCodesAreTheAgreedStrings() {
        assertEquals(List.of("valid", "signature_missing", "signature_invalid", "timestamp_out_of_range"),
                List.of(Outcome.VALID.code(), Outcome.SIGNATURE_MISSING.code(), Outcome.SIGNATURE_INVALID.code(),
                        Outcome.TIMESTAMP_OUT_OF_RANGE.code()));
    }

    @Test
    void missingSignatureHeaderIsReported() {
        Map<String, List<String>> headers = Map.of("webhook-id", List.of(ID), "webhook-timestamp", List.of("1614265330"));

        assertEquals(new Verification(Outcome.SIGNATURE_MISSING, ID, 0), WEBHOOKS.verify(headers, BODY));
    }

    @Test
    void missingIdHeaderIsReported() {
        Map<String, List<String>> headers = Map.of("webhook-timestamp", List.of("1614265330"), "webhook-signature",
                List.of(SIGNATURE));

        assertEquals(Outcome.SIGNATURE_MISSING, WEBHOOKS.verify(headers, BODY).outcome());
    }

    @Test
    void missingTimestampHeaderIsReported() {
        Map<String, List<String>> headers = Map.of("webhook-id", List.of(ID), "webhook-signature", List.of(SIGNATURE));

        assertEquals(Outcome.SIGNATURE_MISSING, WEBHOOKS.verify(headers, BODY).outcome());
    }

    @Test
    void blankSignatureHeaderIsReportedAsMissing() {
        assertEquals(Outcome.SIGNATURE_MISSING, verify(WEBHOOKS, " ").outcome());
    }

    @Test
    void nonIntegerTimestampIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, WEBHOOKS.verify(ID, "1614265330.0", SIGNATURE, BODY).outcome());
    }

    @Test
    void negativeTimestampIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, WEBHOOKS.verify(ID, "-1614265330", SIGNATURE, BODY).outcome());
    }

    @Test
    void oneValidAmongSeveralSignaturesIsAccepted() {
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5B "
                + SIGNATURE + " v2,abc";

        assertEquals(Outcome.VALID, verify(WEBHOOKS, header).outcome());
    }

    @Test
    void rightSignatureUnderAnotherVersionIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, verify(WEBHOOKS, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").outcome());
    }

    @Test
    void signatureWithoutVersionIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, verify(WEBHOOKS, "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=").outcome());
    }

    @Test
    void truncatedSignatureIsRefused() {
        assertEquals(Outcome.SIGNATURE_INVALID, verify(WEBHOOKS, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE").outcome());
    }

    @Test
    void previousSecretStillVerifiesDuringRotation() {
        StandardWebhooks rotating = at(TIMESTAMP, OTHER_SECRET, SECRET);

        assertEquals(Outcome.VALID, verify(rotating, SIGNATURE).outcome());
    }

    @Test
    void signingDuringRotationUsesTheCurrentSecret() {
        StandardWebhooks rotating = at(TIMESTAMP, OTHER_SECRET, SECRET);

        assertEquals(at(TIMESTAMP, OTHER_SECRET).sign(ID, TIMESTAMP, BODY), rotating.sign(ID, TIMESTAMP, BODY));
    }

    @Test
    void forgedSignatureWithOldTimestampIsInvalidNotOutOfRange() {
        assertEquals(Outcome.SIGNATURE_INVALID, verify(at(TIMESTAMP + 3600, SECRET), "v1,AAAA").outcome());
    }

    @Test
    void newSecretHas32BytesBehindThePrefix() {
        String secret = StandardWebhooks.newSecret();

        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
    }

    @Test
    void new24ByteSecretIsWhsecAnd32Base64Characters() {
        assertTrue(StandardWebhooks.newSecret(24).matches("whsec_[A-Za-z0-9+/]{32}"));
    }

    @Test
    void newSecretSignsAndVerifies() {
        StandardWebhooks webhooks = at(TIMESTAMP, StandardWebhooks.newSecret());

        assertEquals(Outcome.VALID, verify(webhooks, webhooks.sign(ID, TIMESTAMP, BODY)).outcome());
    }

    @Test
    void malformedSecretIsRefusedWithoutQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> at(TIMESTAMP, "whsec_not*base64"));

        assertEquals("webhook secret #0 is not whsec_ followed by base64", e.getMessage());
    }

    @Test
    void emptySecretIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> at(TIMESTAMP, SECRET, "whsec_"));

        assertEquals("webhook secret #1 is empty", e.getMessage());
    }

    @Test
    void nullBodyIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WEBHOOKS.verify(ID, "1614265330", SIGNATURE, null));

        assertEquals("the raw body is required (an empty body is empty, not null)", e.getMessage());
    }

    @Test
    void toStringHoldsNoSecret() {
        assertEquals("StandardWebhooks[1 secret(s)]", WEBHOOKS.toString());
    }
}
