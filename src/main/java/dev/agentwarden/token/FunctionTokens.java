package dev.agentwarden.token;

import dev.agentwarden.config.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks per-function tokens, byte for byte in the SignalWire SDK's format:
 * {@code base64("call_id.function.expiry.nonce." + hex(HMAC-SHA256(secret, "call_id:function:expiry:nonce")))}.
 * A token is bound to one function of one call until its expiry (inclusive). Thread-safe; one per application.
 */
public final class FunctionTokens {

    /** Why a token was refused; {@link #VALID} when it was not. */
    public enum Verdict { VALID, MISSING, MALFORMED, EXPIRED, WRONG_CALL, WRONG_FUNCTION, BAD_SIGNATURE }

    private static final HexFormat HEX = HexFormat.of();
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final long ttlSeconds;
    private final ThreadLocal<Mac> macs;

    public FunctionTokens(byte[] secret, long ttlSeconds) {
        Objects.requireNonNull(secret, "secret");
        if (ttlSeconds < 1) {
            throw new IllegalArgumentException("token TTL must be at least one second");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.ttlSeconds = ttlSeconds;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A token for {@code function} in call {@code callId}, valid from now for the configured TTL. */
    public String mint(String function, String callId, long nowEpochSeconds) {
        return mint(function, callId, nowEpochSeconds + ttlSeconds, HEX.formatHex(Secrets.bytes(8)));
    }

    /** A token with an explicit expiry and nonce (the reference vectors fix both). */
    public String mint(String function, String callId, long expiry, String nonce) {
        String signature = HEX.formatHex(sign(callId + ":" + function + ":" + expiry + ":" + nonce));
        String plain = callId + "." + function + "." + expiry + "." + nonce + "." + signature;
        return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks a token for {@code function} in call {@code callId} at {@code now}; never throws on bad input. */
    public Verdict verify(String token, String function, String callId, long nowEpochSeconds) {
        if (token == null || token.isEmpty()) {
            return Verdict.MISSING;
        }
        String[] parts = split(decode(token));
        if (parts == null) {
            return Verdict.MALFORMED;
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        byte[] expected = sign(parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + parts[3]);
        byte[] given = parseHex(parts[4]);
        // Signature first: nothing the token claims is believed before it is proven.
        if (given == null || !MessageDigest.isEqual(expected, given)) {
            return Verdict.BAD_SIGNATURE;
        }
        if (!parts[1].equals(function)) {
            return Verdict.WRONG_FUNCTION;
        }
        if (callId == null || callId.isEmpty() || !parts[0].equals(callId)) {
            return Verdict.WRONG_CALL;
        }
        return nowEpochSeconds > expiry ? Verdict.EXPIRED : Verdict.VALID;
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code call_id.function.expiry.nonce.signature}; the call id may itself hold dots, so split from the right. */
    private static String[] split(String plain) {
        if (plain == null) {
            return null;
        }
        String[] parts = new String[5];
        int end = plain.length();
        for (int i = 4; i > 0; i--) {
            int dot = plain.lastIndexOf('.', end - 1);
            if (dot < 0) {
                return null;
            }
            parts[i] = plain.substring(dot + 1, end);
            end = dot;
        }
        parts[0] = plain.substring(0, end);
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return parts;
    }

    private static byte[] parseHex(String hex) {
        if (hex.length() != 64) {
            return null;
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] sign(String message) {
        return macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
