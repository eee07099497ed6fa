package dev.agentwarden.auth;

import jakarta.security.enterprise.credential.Credential;

/**
 * A bearer credential whose identity store can say why it refused it ({@code api_key_revoked}, {@code token_expired},
 * ...): {@code CredentialValidationResult} has room for valid or not, and API.md promises distinct codes.
 */
public abstract class RefusableCredential implements Credential {

    private volatile String refusal = "invalid_credentials";
    private volatile long retryAfterSeconds;

    /** Records the problem code of a refusal. */
    public void refuse(String code) {
        this.refusal = code;
    }

    /** Records a refusal that ends by itself: {@code rate_limited} for {@code seconds} more. */
    public void refuse(String code, long seconds) {
        this.refusal = code;
        this.retryAfterSeconds = seconds;
    }

    /** For a refusal that ends by itself, the seconds until it does; else 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The problem code of the refusal ({@code invalid_credentials} unless a store said otherwise). */
    public String refusal() {
        return refusal;
    }
}
