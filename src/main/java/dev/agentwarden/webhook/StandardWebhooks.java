package dev.agentwarden.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing and verification of webhooks per the Standard Webhooks specification 1.0.0 (symmetric {@code v1} scheme).
 *
 * <p>The signed content is the raw bytes {@code webhook-id "." webhook-timestamp "." body}; the signature is
 * base64(HMAC-SHA256(key, content)), sent as {@code v1,<base64>} in {@code webhook-signature}, a space-separated list.
 * A secret is {@code whsec_<base64 key>}. Several secrets may be configured for rotation: {@link #sign} uses the first
 * (current) one, verification accepts any. The caller owns the replay check on {@link Verification#id()}.
 */
public final class StandardWebhooks {

    /** Header holding the message id. */
    public static final String HEADER_ID = "webhook-id";
    /** Header holding the attempt's unix time in seconds. */
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    /** Header holding the space-separated signatures. */
    public static final String HEADER_SIGNATURE = "webhook-signature";
    /** Prefix of a symmetric secret. */
    public static final String SECRET_PREFIX = "whsec_";
    /** Largest accepted distance, either way, between the timestamp and the clock. */
    public static final long TOLERANCE_SECONDS = 300;

    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecretKeySpec> keys;
    private final Clock clock;

    /** Why a webhook was accepted or refused. */
    public enum Outcome {
        /** A {@code v1} signature matched and the timestamp is within tolerance. */
        VALID("valid"),
        /** A required header (id, timestamp or signature) is absent or blank. */
        SIGNATURE_MISSING("signature_missing"),
        /** No {@code v1} signature matches any configured secret, or the timestamp is not an integer. */
        SIGNATURE_INVALID("signature_invalid"),
        /** The signature matches but the timestamp is more than {@link #TOLERANCE_SECONDS} away from the clock. */
        TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range");

        private final String code;

        Outcome(String code) {
            this.code = code;
        }

        /** The refusal code for logs and problem responses ({@code valid} when accepted). */
        public String code() {
            return code;
        }
    }

    /**
     * The result of a verification.
     *
     * @param outcome why it was accepted or refused
     * @param id the {@code webhook-id} as received (null when absent); trust it only when {@link #valid()}
     * @param timestamp the parsed {@code webhook-timestamp}, or 0 when absent or malformed
     */
    public record Verification(Outcome outcome, String id, long timestamp) {

        /** Whether the webhook is authentic and fresh. */
        public boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    /**
     * @param clock the time the timestamp is checked against
     * @param secrets {@code whsec_<base64>} secrets, current first, then those being rotated out; the prefix is optional
     * @throws IllegalArgumentException when there is no secret or one is not base64 of at least one byte (the message
     *         never holds the secret)
     */
    public StandardWebhooks(Clock clock, List<String> secrets) {
        if (clock == null || secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("a clock and at least one secret are required");
        }
        List<SecretKeySpec> parsed = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            parsed.add(parseSecret(secrets.get(i), i));
        }
        this.keys = List.copyOf(parsed);
        this.clock = clock;
    }

    /** A new secret: {@code whsec_} and standard base64 of {@code bytes} (24 or 32) random bytes. */
    public static String newSecret(int bytes) {
        if (bytes != 24 && bytes != 32) {
            throw new IllegalArgumentException("a webhook secret has 24 or 32 bytes, not " + bytes);
        }
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** A new 32-byte secret. */
    public static String newSecret() {
        return newSecret(32);
    }

    /** The {@code webhook-signature} value, {@code v1,<base64>}, for the content, with the current (first) secret. */
    public String sign(String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(keys.get(0), content(id, Long.toString(timestamp), body)));
    }

    /**
     * Verifies a webhook from its headers (names matched case-insensitively, first value used) and raw body.
     */
    public Verification verify(Map<String, ? extends List<String>> headers, byte[] body) {
        return verify(header(headers, HEADER_ID), header(headers, HEADER_TIMESTAMP), header(headers, HEADER_SIGNATURE),
                body);
    }

    /** Verifies a webhook from its three header values and raw body, at the clock's current second. */
    public Verification verify(String id, String timestamp, String signatures, byte[] body) {
        return verifyAt(id, timestamp, signatures, body, clock.instant().getEpochSecond());
    }

    /**
     * Verifies at {@code nowEpochSecond}. The signature is checked before the timestamp, so
     * {@link Outcome#TIMESTAMP_OUT_OF_RANGE} is only ever reported for a message that was really signed (a replay or
     * a skewed clock), never for a forgery.
     *
     * @throws IllegalArgumentException when {@code body} is null (an empty body is empty, not null)
     */
    public Verification verifyAt(String id, String timestamp, String signatures, byte[] body, long nowEpochSecond) {
        if (body == null) {
            throw new IllegalArgumentException("the raw body is required (an empty body is empty, not null)");
        }
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
            return new Verification(Outcome.SIGNATURE_MISSING, id, 0);
        }
        long seconds = parseTimestamp(timestamp);
        if (seconds < 0) {
            return new Verification(Outcome.SIGNATURE_INVALID, id, 0);
        }
        if (!anySignatureMatches(content(id, timestamp, body), signatures)) {
            return new Verification(Outcome.SIGNATURE_INVALID, id, seconds);
        }
        if (Math.abs(nowEpochSecond - seconds) > TOLERANCE_SECONDS) {
            return new Verification(Outcome.TIMESTAMP_OUT_OF_RANGE, id, seconds);
        }
        return new Verification(Outcome.VALID, id, seconds);
    }

    private boolean anySignatureMatches(byte[] content, String signatures) {
        List<byte[]> expected = new ArrayList<>(keys.size());
        for (SecretKeySpec key : keys) {
            expected.add(Base64.getEncoder().encode(mac(key, content)));
        }
        boolean matched = false;
        for (String entry : signatures.split(" ")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given = entry.substring(comma + 1).getBytes(StandardCharsets.US_ASCII);
            for (byte[] candidate : expected) {
                matched |= MessageDigest.isEqual(given, candidate);
            }
        }
        return matched;
    }

    /** A decimal integer of at most 18 digits (no sign, no spaces); -1 otherwise. */
    private static long parseTimestamp(String timestamp) {
        if (timestamp.length() > 18) {
            return -1;
        }
        for (int i = 0; i < timestamp.length(); i++) {
            char c = timestamp.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(timestamp);
    }

    private static byte[] content(String id, String timestamp, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(id.length() + timestamp.length() + body.length + 2);
        out.writeBytes(id.getBytes(StandardCharsets.UTF_8));
        out.write('.');
        out.writeBytes(timestamp.getBytes(StandardCharsets.UTF_8));
        out.write('.');
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] mac(SecretKeySpec key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }

    private static SecretKeySpec parseSecret(String secret, int index) {
        if (secret == null) {
            throw new IllegalArgumentException("webhook secret #" + index + " is missing");
        }
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character, which is part of the secret: drop it and its cause.
            throw new IllegalArgumentException("webhook secret #" + index + " is not whsec_ followed by base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("webhook secret #" + index + " is empty");
        }
        return new SecretKeySpec(key, HMAC);
    }

    private static String header(Map<String, ? extends List<String>> headers, String name) {
        for (Map.Entry<String, ? extends List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "StandardWebhooks[" + keys.size() + " secret(s)]";
    }
}
