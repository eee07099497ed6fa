package dev.agentwarden.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SwiftClaw seed's webhook signature: {@code X-SwiftClaw-Signature} is the hex HMAC-SHA256 of the raw body bytes.
 *
 * <p>The HMAC key is the UTF-8 bytes of the whole secret string, {@code whsec_} prefix included, exactly as the seed's
 * Python {@code hmac.new(secret.encode(), payload, hashlib.sha256)} does; the base64 part is <em>not</em> decoded (that
 * is the Standard Webhooks convention, see {@link StandardWebhooks}). Verification is constant-time and accepts the hex
 * in either case. There is no timestamp, so this scheme cannot detect a replay.
 */
public final class SwiftClawSignature {

    /** The header carrying the signature. */
    public static final String HEADER = "X-SwiftClaw-Signature";

    private static final String HMAC = "HmacSHA256";
    private static final int HEX_LENGTH = 64;

    private final SecretKeySpec key;

    /**
     * @param secret the webhook secret as configured (for example {@code whsec_…}), used verbatim
     * @throws IllegalArgumentException when the secret is null or empty
     */
    public SwiftClawSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is required");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** The header value for {@code body}: 64 lowercase hex digits. */
    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }

    /** Whether {@code signature} (hex, any case; null when the header is absent) is the signature of {@code body}. */
    public boolean verify(byte[] body, String signature) {
        if (signature == null || signature.length() != HEX_LENGTH || body == null) {
            return false;
        }
        byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, sign(body).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "SwiftClawSignature[HMAC-SHA256]";
    }
}
