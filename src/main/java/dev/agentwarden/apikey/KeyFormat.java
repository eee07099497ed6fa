package dev.agentwarden.apikey;

import dev.agentwarden.config.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.zip.CRC32;

/**
 * The API key format: {@code sk_live_} or {@code sk_test_}, a base62 secret, and a 6-character base62 CRC32 checksum
 * (as GitHub's tokens), so that a leaked key is recognisable by scanners and a mistyped one is refused without a
 * store lookup. Only the SHA-256 of a key is ever stored.
 */
public final class KeyFormat {

    public static final int MIN_LENGTH = 32;
    public static final int MAX_LENGTH = 128;
    private static final int CHECKSUM = 6;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private KeyFormat() {
    }

    /** A new key for {@code environment} ({@code live} or {@code test}) with a secret of {@code length} characters. */
    public static String generate(String environment, int length) {
        String body = "sk_" + environment + "_" + Secrets.base62(length);
        return body + checksum(body);
    }

    /** Whether {@code key} has our form and a correct checksum. */
    public static boolean isWellFormed(String key) {
        if (key.length() < 8 + MIN_LENGTH + CHECKSUM || key.length() > 8 + MAX_LENGTH + CHECKSUM
                || !(key.startsWith("sk_live_") || key.startsWith("sk_test_"))) {
            return false;
        }
        for (int i = 8; i < key.length(); i++) {
            if (BASE62.indexOf(key.charAt(i)) < 0) {
                return false;
            }
        }
        int split = key.length() - CHECKSUM;
        return MessageDigest.isEqual(checksum(key.substring(0, split)).getBytes(StandardCharsets.US_ASCII),
                key.substring(split).getBytes(StandardCharsets.US_ASCII));
    }

    /** What lists show: {@code sk_live_} and the first four secret characters. */
    public static String prefix(String key) {
        return key.substring(0, 12);
    }

    /** The SHA-256 of the key, hex: what the store keeps and looks up (unique index: O(1) at any number of keys). */
    public static String hash(String key) {
        return Secrets.sha256Hex(key); // a well-formed key is ASCII: its UTF-8 bytes are its ASCII bytes
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[CHECKSUM];
        for (int i = CHECKSUM - 1; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
