package dev.agentwarden.auth.basic;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user and password of an {@code Authorization: Basic} header (RFC 7617): the scheme case-insensitively, then
 * strict base64 of UTF-8 {@code user:password}. Anything else is refused, never half-parsed.
 *
 * @param user     the user id (no colon)
 * @param password the password (may contain colons)
 */
public record BasicCredentials(String user, String password) {

    /** Why a header could not be read. */
    public enum Problem { MISSING, WRONG_SCHEME, MALFORMED }

    /** The credentials, or an exception naming the {@link Problem}. */
    public static BasicCredentials parse(String header) throws InvalidHeaderException {
        if (header == null || header.isBlank()) {
            throw new InvalidHeaderException(Problem.MISSING);
        }
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new InvalidHeaderException(Problem.WRONG_SCHEME);
        }
        String encoded = header.substring(6).trim();
        if (encoded.isEmpty() || encoded.length() > 4096) {
            throw new InvalidHeaderException(Problem.MALFORMED);
        }
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new InvalidHeaderException(Problem.MALFORMED);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || hasControl(decoded)) {
            throw new InvalidHeaderException(Problem.MALFORMED);
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }

    /** A header that yields no credentials. */
    public static final class InvalidHeaderException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        public InvalidHeaderException(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
