package dev.agentwarden.auth.jwt;

import dev.agentwarden.problem.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * A request to {@code POST /api/auth/token}, form-encoded (RFC 6749 §4.3, §4.4) or JSON with the same
 * {@code snake_case} fields.
 *
 * @param grantType    {@code password} or {@code client_credentials}
 * @param username     the user ({@code password} grant)
 * @param password     the user's password ({@code password} grant)
 * @param mfaCode      a TOTP code (accepted; MFA sign-in comes with the MFA issue)
 * @param clientId     the service account's credential ({@code client_credentials} grant, unless HTTP Basic carries it)
 * @param clientSecret its secret ({@code client_credentials} grant, unless HTTP Basic carries it)
 * @param scope        the permissions asked for, space-separated ({@code client_credentials} grant; optional)
 */
public record TokenRequest(String grantType, String username, String password, String mfaCode, String clientId,
        String clientSecret, String scope) {

    /** The resource-owner password grant. */
    public static final String PASSWORD = "password";
    /** The client-credentials grant (service accounts). */
    public static final String CLIENT_CREDENTIALS = "client_credentials";

    private static final int MAX_NAME = 256;
    private static final int MAX_SECRET = 1024;
    private static final int MAX_SCOPE = 16_384;
    private static final List<String> FIELDS = List.of("grant_type", "username", "password", "mfa_code", "client_id",
            "client_secret", "scope");

    /** Reads a form; a field sent twice is refused, as RFC 6749 §3.2 requires. */
    public static TokenRequest fromForm(MultivaluedMap<String, String> form) {
        for (String field : FIELDS) {
            List<String> values = form.get(field);
            if (values != null && values.size() > 1) {
                throw ApiException.validation(field + " must be sent once");
            }
        }
        return new TokenRequest(form.getFirst("grant_type"), form.getFirst("username"), form.getFirst("password"),
                form.getFirst("mfa_code"), form.getFirst("client_id"), form.getFirst("client_secret"),
                form.getFirst("scope"));
    }

    /** This request if its grant is supported and complete, else a 400 {@code validation_failed}. */
    public static TokenRequest validated(TokenRequest request) {
        if (request == null || request.grantType() == null || request.grantType().isEmpty()) {
            throw ApiException.validation("grant_type is required: password or client_credentials");
        }
        switch (request.grantType()) {
            case PASSWORD -> {
                require("username", request.username(), MAX_NAME);
                require("password", request.password(), MAX_SECRET);
            }
            case CLIENT_CREDENTIALS -> {
                // The client's credentials may come in the Authorization header: ClientAuthentication reads them.
                if (request.scope() != null && request.scope().length() > MAX_SCOPE) {
                    throw ApiException.validation("scope must have at most " + MAX_SCOPE + " characters");
                }
            }
            default -> throw ApiException.validation("grant_type must be password or client_credentials");
        }
        return request;
    }

    private static void require(String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw ApiException.validation(field + " is required");
        }
        if (value.length() > maxLength) {
            throw ApiException.validation(field + " must have at most " + maxLength + " characters");
        }
    }

    /** Whether this is the password grant (else client credentials). */
    public boolean isPasswordGrant() {
        return PASSWORD.equals(grantType);
    }

    /** The account named: the user, or the service account. */
    public String account() {
        return isPasswordGrant() ? username : clientId;
    }

    /** The account's secret: the password, or the client secret. */
    public String secret() {
        return isPasswordGrant() ? password : clientSecret;
    }

    @Override
    public String toString() {
        // Never print the password or the client secret, whoever logs this record.
        return "TokenRequest[grantType=" + grantType + ", account=" + account() + "]";
    }
}
