package dev.agentwarden.auth.jwt;

import dev.agentwarden.auth.basic.BasicCredentials;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * How a client authenticates at the token endpoint (RFC 6749 §2.3): HTTP Basic with the client id and secret each
 * form-urlencoded before they are joined (§2.3.1: {@code base64(urlencode(client_id) ":" urlencode(client_secret))}),
 * or the request fields {@code client_id} and {@code client_secret}. One method per request (§2.3): a Basic header
 * with a {@code client_secret} field, or with a {@code client_id} field naming another client, is refused as
 * {@code invalid_request}. An {@code Authorization} header of another scheme is not client authentication and is
 * ignored.
 *
 * @param clientId     the client id, decoded
 * @param clientSecret the client secret, decoded
 * @param basic        whether the client used HTTP Basic (its refusal then carries a Basic challenge)
 */
public record ClientAuthentication(String clientId, String clientSecret, boolean basic) {

    /** RFC 6749 §5.2: the request is malformed (here: two authentication methods at once). */
    public static final String INVALID_REQUEST = "invalid_request";
    /** RFC 6749 §5.2: client authentication failed (missing, malformed, unknown client or wrong secret). */
    public static final String INVALID_CLIENT = "invalid_client";

    static final int MAX_CLIENT_ID = 256;
    static final int MAX_SECRET = 1024;

    /** Why no client could be read: the RFC 6749 error code, and whether Basic was attempted. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final boolean basic;

        Refused(String code, boolean basic, String message) {
            super(message, null, false, false);
            this.code = code;
            this.basic = basic;
        }

        public String code() {
            return code;
        }

        public boolean basic() {
            return basic;
        }
    }

    /**
     * Reads the client from the request's {@code Authorization} header and its {@code client_id}/{@code client_secret}
     * fields (each {@code null} when absent).
     */
    public static ClientAuthentication read(String authorization, String fieldId, String fieldSecret) throws Refused {
        if (isBasic(authorization)) {
            if (fieldSecret != null) {
                throw new Refused(INVALID_REQUEST, true, "Authenticate the client one way: HTTP Basic or "
                        + "client_id/client_secret, not both");
            }
            ClientAuthentication client = basic(authorization);
            if (fieldId != null && !fieldId.equals(client.clientId())) {
                throw new Refused(INVALID_REQUEST, true, "client_id names another client than the Basic credentials");
            }
            return client;
        }
        if (fieldId == null || fieldId.isEmpty() || fieldSecret == null || fieldSecret.isEmpty()) {
            throw new Refused(INVALID_CLIENT, authorization == null && fieldId == null && fieldSecret == null,
                    "Client authentication is required: HTTP Basic or client_id and client_secret");
        }
        return checked(fieldId, fieldSecret, false);
    }

    /** Whether the header is an attempt at Basic, however malformed ({@code Basic} alone too). */
    private static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5)
                && (authorization.length() == 5 || Character.isWhitespace(authorization.charAt(5)));
    }

    private static ClientAuthentication basic(String authorization) throws Refused {
        try {
            BasicCredentials credentials = BasicCredentials.parse(authorization);
            return checked(URLDecoder.decode(credentials.user(), StandardCharsets.UTF_8),
                    URLDecoder.decode(credentials.password(), StandardCharsets.UTF_8), true);
        } catch (BasicCredentials.InvalidHeaderException | IllegalArgumentException e) {
            throw new Refused(INVALID_CLIENT, true, "Malformed Basic client credentials");
        }
    }

    private static ClientAuthentication checked(String clientId, String secret, boolean basic) throws Refused {
        if (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID || secret.isEmpty()
                || secret.length() > MAX_SECRET) {
            throw new Refused(INVALID_CLIENT, basic, "The client credentials are not valid");
        }
        return new ClientAuthentication(clientId, secret, basic);
    }

    @Override
    public String toString() {
        // Never print the secret, whoever logs this record.
        return "ClientAuthentication[clientId=" + clientId + ", basic=" + basic + "]";
    }
}
