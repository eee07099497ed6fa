package dev.agentwarden.auth;

import jakarta.security.enterprise.credential.Credential;

/**
 * A bearer credential whose identity store can say why it refused it ({@code api_key_revoked}, {@code token_expired},
 * ...): {@code CredentialValidationResult} has room for valid or not, and API.md promises distinct codes.
 */
public abstract class RefusableCredential implements Credential {

    private volatile String refusal = "invalid_credentials";

    /** Records the problem code of a refusal. */
    public void refuse(String code) {
        this.refusal = code;
    }

    /** The problem code of the refusal ({@code invalid_credentials} unless a store said otherwise). */
    public String refusal() {
        return refusal;
    }
}
