package dev.agentwarden.mfa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), with the RFC 4648 base32 that authenticator apps use.
 *
 * <p>Instances are immutable and thread-safe; {@link #Totp()} is what authenticator apps assume (HMAC-SHA1, 6 digits,
 * 30 s). Codes are compared in constant time and {@link #verify} returns the matched time step, so a caller that
 * stores the last step it accepted can refuse a code's reuse ({@link #verify(byte[], String, long, int, long)}).
 */
public final class Totp {

    /** Length of a time step in seconds (RFC 6238 X). */
    public static final int PERIOD_SECONDS = 30;
    /** Steps accepted either side of the current one by {@link #verify(byte[], String, long)}. */
    public static final int DEFAULT_WINDOW = 1;
    /** Size of a new secret: 160 bits, the HMAC-SHA1 output size RFC 4226 §4 recommends. */
    public static final int SECRET_BYTES = 20;
    /** The issuer shown in authenticator apps. */
    public static final String ISSUER = "Agent Warden";

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The HMAC of RFC 6238 §1.2. */
    public enum Algorithm {
        /** HMAC-SHA1, what every authenticator app supports. */
        SHA1("HmacSHA1"),
        /** HMAC-SHA256. */
        SHA256("HmacSHA256"),
        /** HMAC-SHA512. */
        SHA512("HmacSHA512");

        private final String jcaName;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
        }

        String jcaName() {
            return jcaName;
        }
    }

    private final Algorithm algorithm;
    private final int digits;

    /** HMAC-SHA1, 6 digits, 30-second steps. */
    public Totp() {
        this(Algorithm.SHA1, 6);
    }

    /**
     * @param digits 6 or 8
     */
    public Totp(Algorithm algorithm, int digits) {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("digits must be 6 or 8, not " + digits);
        }
        this.algorithm = algorithm;
        this.digits = digits;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public int digits() {
        return digits;
    }

    /** A new random secret of {@link #SECRET_BYTES} bytes. */
    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The time step (RFC 6238 T) that contains {@code epochSecond}. */
    public static long timeStep(long epochSecond) {
        return Math.floorDiv(epochSecond, PERIOD_SECONDS);
    }

    /** The RFC 4226 HOTP value for {@code counter}, zero-padded to {@link #digits()} digits. */
    public String hotp(byte[] secret, long counter) {
        byte[] mac = mac(secret, counter);
        int offset = mac[mac.length - 1] & 0x0f;
        int binary = ((mac[offset] & 0x7f) << 24)
                | ((mac[offset + 1] & 0xff) << 16)
                | ((mac[offset + 2] & 0xff) << 8)
                | (mac[offset + 3] & 0xff);
        int modulus = digits == 6 ? 1_000_000 : 100_000_000;
        String code = Integer.toString(binary % modulus);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The code for the time step containing {@code epochSecond}. */
    public String totp(byte[] secret, long epochSecond) {
        return hotp(secret, timeStep(epochSecond));
    }

    /** {@link #verify(byte[], String, long, int)} with {@link #DEFAULT_WINDOW}. */
    public OptionalLong verify(byte[] secret, String code, long epochSecond) {
        return verify(secret, code, epochSecond, DEFAULT_WINDOW);
    }

    /**
     * Checks {@code code} against the steps {@code T - window .. T + window} around {@code epochSecond}.
     *
     * @param window steps accepted either side, 0..10
     * @return the matched time step, or empty when the code is malformed (not exactly {@link #digits()} ASCII digits)
     *         or matches none of them
     */
    public OptionalLong verify(byte[] secret, String code, long epochSecond, int window) {
        return verify(secret, code, epochSecond, window, Long.MIN_VALUE);
    }

    /**
     * As {@link #verify(byte[], String, long, int)}, but a step at or before {@code lastUsedStep} never matches, so a code
     * (or an older one) cannot be used twice.
     */
    public OptionalLong verify(byte[] secret, String code, long epochSecond, int window, long lastUsedStep) {
        if (window < 0 || window > 10) {
            throw new IllegalArgumentException("window must be 0..10, not " + window);
        }
        if (!wellFormed(code)) {
            return OptionalLong.empty();
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long now = timeStep(epochSecond);
        long matched = -1;
        // Every step is computed and compared, so the time taken does not say which one matched.
        for (long step = now - window; step <= now + window; step++) {
            boolean equal = step >= 0 && MessageDigest.isEqual(given, hotp(secret, step).getBytes(StandardCharsets.US_ASCII));
            if (equal && matched < 0 && step > lastUsedStep) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * The key URI authenticator apps scan, {@code otpauth://totp/Agent%20Warden:<account>?secret=…&issuer=Agent%20Warden
     * &algorithm=SHA1&digits=6&period=30} for the default instance; issuer and account are percent-encoded (RFC 3986).
     */
    public String otpauthUri(String issuer, String account, byte[] secret) {
        if (issuer == null || issuer.isEmpty() || issuer.contains(":") || account == null || account.isEmpty()) {
            throw new IllegalArgumentException("issuer (without ':') and account are required");
        }
        String encodedIssuer = percentEncode(issuer);
        return "otpauth://totp/" + encodedIssuer + ":" + percentEncode(account)
                + "?secret=" + base32Encode(secret)
                + "&issuer=" + encodedIssuer
                + "&algorithm=" + algorithm.name()
                + "&digits=" + digits
                + "&period=" + PERIOD_SECONDS;
    }

    /** RFC 4648 §6 base32 of {@code data}, upper case, without '=' padding. */
    public static String base32Encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >>> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /**
     * Decodes RFC 4648 §6 base32: case-insensitive, spaces ignored, trailing '=' padding optional. Refuses other
     * characters, lengths no encoder produces (1, 3 or 6 symbols in the last group) and non-zero unused trailing bits,
     * so that every accepted text is the one encoding of its bytes.
     *
     * @throws IllegalArgumentException on malformed input (the message never repeats the input, which may be a secret)
     */
    public static byte[] base32Decode(String text) {
        String symbols = stripPadding(text.replace(" ", ""));
        int rest = symbols.length() % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("base32 text has an impossible length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(symbols.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < symbols.length(); i++) {
            int value = BASE32.indexOf(Character.toUpperCase(symbols.charAt(i)));
            if (value < 0) {
                throw new IllegalArgumentException("base32 text has a character outside A-Z, 2-7 at index " + i);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
            buffer &= (1 << bits) - 1;
        }
        if (buffer != 0) {
            throw new IllegalArgumentException("base32 text has non-zero trailing bits");
        }
        return out.toByteArray();
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        if (end < text.length() && text.length() % 8 != 0) {
            throw new IllegalArgumentException("base32 padding must complete a group of 8");
        }
        return text.substring(0, end);
    }

    private boolean wellFormed(String code) {
        if (code == null || code.length() != digits) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private byte[] mac(byte[] secret, long counter) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("secret is required");
        }
        byte[] message = new byte[8];
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) counter;
            counter >>>= 8;
        }
        try {
            Mac mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(secret, algorithm.jcaName()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " unavailable", e);
        }
    }

    /** RFC 3986 percent-encoding: unreserved characters kept, every other UTF-8 byte as %XX (so a space is %20). */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
