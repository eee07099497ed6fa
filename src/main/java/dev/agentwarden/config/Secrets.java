package dev.agentwarden.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generates the secrets, identifiers and nonces the server makes up. */
public final class Secrets {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** The largest multiple of 62 a byte can hold: bytes from it up are drawn again, so every symbol is equally likely. */
    private static final int UNBIASED_LIMIT = 256 - 256 % ALPHABET.length;

    /**
     * One generator per thread. The platform default ({@code NativePRNG}) serialises every caller on one lock and reads
     * {@code /dev/urandom}; nonces and call ids are made on every SWML request, so each thread gets its own DRBG,
     * seeded from the system's entropy.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Secrets::newRandom);

    private Secrets() {
    }

    /** {@code length} random base62 characters, uniformly distributed. */
    public static String base62(int length) {
        char[] out = new char[length];
        byte[] draw = new byte[length + 8];
        SecureRandom random = RANDOM.get();
        int filled = 0;
        while (filled < length) {
            random.nextBytes(draw);
            for (int i = 0; i < draw.length && filled < length; i++) {
                int b = draw[i] & 0xff;
                if (b < UNBIASED_LIMIT) {
                    out[filled++] = ALPHABET[b % ALPHABET.length];
                }
            }
        }
        return new String(out);
    }

    /** {@code length} random bytes. */
    public static byte[] bytes(int length) {
        byte[] out = new byte[length];
        RANDOM.get().nextBytes(out);
        return out;
    }

    /**
     * The lowercase hex SHA-256 of {@code secret}'s UTF-8 bytes: what the store keeps of a high-entropy random secret
     * (an API key, a client secret), and looks it up by.
     */
    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
