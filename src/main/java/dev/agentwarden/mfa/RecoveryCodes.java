package dev.agentwarden.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Single-use MFA recovery codes: generation, normalisation of what a user types, hashing for storage, matching.
 *
 * <p>A code is 12 symbols of Crockford's base32 alphabet ({@code 0-9 a-z} without {@code i l o u}), shown as
 * {@code xxxx-xxxx-xxxx}. Input is normalised before use: case, dashes and spaces are ignored, and the look-alikes
 * {@code o}&rarr;{@code 0}, {@code i l}&rarr;{@code 1} are mapped as Crockford specifies, so a misread code still works.
 *
 * <p><b>Why a fast hash (SHA-256) is enough for storage.</b> Password hashes need a slow KDF because passwords are
 * guessable. These codes are not: each is 60 bits drawn uniformly from {@link SecureRandom}, so recovering one from a
 * leaked hash means searching 2<sup>60</sup> values: at 10<sup>10</sup> SHA-256 per second (a large GPU) about 3.6 years
 * per code, 4 months for the first of a user's ten. The hash also covers the user's id ({@code scope}), which keeps that
 * cost per user: without it, one pass over the 2<sup>60</sup> values would test every stored hash of every user at
 * once, and a table of a million codes would give one up in minutes. It also means a hash copied to another user's row
 * does not match there. The brief's floor is 50 bits; 60 keeps a margin above it.
 *
 * <p>Single use is the caller's duty: {@link #match} returns the index of the matching stored hash, which the caller
 * removes in the same transaction that accepts the login.
 */
public final class RecoveryCodes {

    /** How many codes a user gets at a time. */
    public static final int COUNT = 10;
    /** Symbols in a code (5 bits each: 60 bits). */
    public static final int LENGTH = 12;

    /** Crockford's base32 alphabet, lower case. */
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /** {@link #COUNT} new codes, formatted {@code xxxx-xxxx-xxxx}, all different. */
    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        while (codes.size() < COUNT) {
            String code = generateOne();
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return List.copyOf(codes);
    }

    /** One new code, formatted {@code xxxx-xxxx-xxxx}. */
    public static String generateOne() {
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i == 4 || i == 8) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * The canonical form of what a user typed: lower case, without dashes and whitespace, look-alikes mapped; empty when
     * the result is not {@link #LENGTH} symbols of the alphabet.
     */
    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char c : input.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char mapped = switch (c) {
                case 'o' -> '0';
                case 'i', 'l' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(mapped) < 0 || out.length() == LENGTH) {
                return Optional.empty();
            }
            out.append(mapped);
        }
        return out.length() == LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    /**
     * The value to store for {@code code}: lowercase hex SHA-256 of {@code UTF-8(scope) || 0x00 || normalised code}.
     *
     * @param scope the owner's stable id (for example the user id), never empty
     * @throws IllegalArgumentException when {@code code} is not a well-formed recovery code (the message omits it)
     */
    public static String hash(String scope, String code) {
        String normalised = normalise(code)
                .orElseThrow(() -> new IllegalArgumentException("not a recovery code"));
        return HexFormat.of().formatHex(sha256(scope, normalised));
    }

    /**
     * Finds the stored hash that {@code input} matches. Every stored hash is compared, in constant time, so the time
     * taken says nothing about which one (if any) matched.
     *
     * @param scope the owner's id, as given to {@link #hash}
     * @param storedHashes values produced by {@link #hash}; the caller's still-unused codes
     * @return the index in {@code storedHashes} of the match, or empty when the input is malformed or matches none
     */
    public static OptionalInt match(String scope, String input, List<String> storedHashes) {
        Optional<String> normalised = normalise(input);
        if (normalised.isEmpty()) {
            return OptionalInt.empty();
        }
        byte[] given = HexFormat.of().formatHex(sha256(scope, normalised.get())).getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        for (int i = 0; i < storedHashes.size(); i++) {
            String stored = storedHashes.get(i);
            byte[] candidate = stored == null ? new byte[0] : stored.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(given, candidate) && found < 0) {
                found = i;
            }
        }
        return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }

    private static byte[] sha256(String scope, String normalised) {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("scope (the owner's id) is required");
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(scope.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest.digest(normalised.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
