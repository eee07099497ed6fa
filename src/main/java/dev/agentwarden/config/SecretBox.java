package dev.agentwarden.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of secrets at rest (TOTP seeds, webhook secrets) under one application key.
 *
 * <p>{@link #seal} returns {@code v1.<base64url(nonce || ciphertext || tag)>} without padding: a fresh 12-byte random
 * nonce per call and a 128-bit tag. The optional associated data (for example the row's id) is authenticated but not
 * stored, so a sealed value copied to another row no longer opens. Random 96-bit nonces stay safe for far more than
 * the 2<sup>32</sup> encryptions NIST SP 800-38D §8.3 allows under one key; rotate the key long before that.
 *
 * <p>Neither the key nor any plaintext ever appears in an exception message or in {@link #toString()}.
 */
public final class SecretBox {

    /** Prefix of every sealed value this version writes. */
    public static final String VERSION_PREFIX = "v1.";
    /** Key size in bytes (AES-256). */
    public static final int KEY_BYTES = 32;

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] NO_AAD = new byte[0];

    private final SecretKeySpec key;

    private SecretBox(byte[] keyBytes) {
        if (keyBytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("the SecretBox key must be exactly 32 bytes (AES-256), not " + keyBytes.length);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        Arrays.fill(keyBytes, (byte) 0);
    }

    /**
     * A box for the key in {@code base64Key}: standard or URL-safe base64 (padding optional) of exactly 32 bytes.
     *
     * @throws IllegalArgumentException when the text is not base64 or not 32 bytes (the message never holds the key)
     */
    public static SecretBox fromBase64Key(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("the SecretBox key is missing");
        }
        String text = base64Key.strip();
        byte[] bytes;
        try {
            bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character, which is part of the key: drop it and its cause.
            throw new IllegalArgumentException("the SecretBox key is not valid base64");
        }
        return new SecretBox(bytes);
    }

    /** A new random key, as standard base64 of 32 bytes. */
    public static String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Seals {@code plaintext} without associated data. */
    public String seal(byte[] plaintext) {
        return seal(plaintext, NO_AAD);
    }

    /** Seals {@code plaintext}, binding it to {@code associatedData} (null means none). */
    public String seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = encrypt(nonce, plaintext, associatedData);
        byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        return VERSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** Seals the UTF-8 bytes of {@code plaintext}, binding them to the UTF-8 bytes of {@code associatedData}. */
    public String sealString(String plaintext, String associatedData) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), utf8OrNone(associatedData));
    }

    /** Opens a value sealed without associated data. */
    public byte[] open(String sealed) {
        return open(sealed, NO_AAD);
    }

    /**
     * Opens {@code sealed} with the associated data it was sealed with (null means none).
     *
     * @throws SealedSecretException when the value is malformed, of another version, or fails authentication (altered
     *         ciphertext or tag, other associated data, other key)
     */
    public byte[] open(String sealed, byte[] associatedData) {
        if (sealed == null || !sealed.startsWith(VERSION_PREFIX)) {
            throw new SealedSecretException("the sealed secret does not start with " + VERSION_PREFIX, null);
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(sealed.substring(VERSION_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealedSecretException("the sealed secret is not valid base64url", null);
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealedSecretException("the sealed secret is too short", null);
        }
        byte[] nonce = Arrays.copyOfRange(raw, 0, NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(raw, NONCE_BYTES, raw.length);
        return decrypt(nonce, body, associatedData);
    }

    /** Opens a value sealed by {@link #sealString}, as UTF-8 text. */
    public String openString(String sealed, String associatedData) {
        return new String(open(sealed, utf8OrNone(associatedData)), StandardCharsets.UTF_8);
    }

    /** AES-256-GCM of {@code plaintext} under {@code nonce}: ciphertext followed by the 16-byte tag. For known-answer tests. */
    byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData == null ? NO_AAD : associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The inverse of {@link #encrypt}. */
    byte[] decrypt(byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData == null ? NO_AAD : associatedData);
            return cipher.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new SealedSecretException(
                    "the sealed secret failed authentication (altered, other associated data, or another key)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static byte[] utf8OrNone(String text) {
        return text == null ? NO_AAD : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretBox[AES-256-GCM, " + VERSION_PREFIX + "]";
    }

    /** A sealed value that cannot be opened: malformed, or refused by GCM's authentication. */
    public static final class SealedSecretException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SealedSecretException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
