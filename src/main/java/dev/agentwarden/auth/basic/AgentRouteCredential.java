package dev.agentwarden.auth.basic;

import jakarta.security.enterprise.credential.Credential;

/**
 * Basic credentials presented on an agent route. A type of its own, so that only the stores meant for agent routes
 * validate it (a platform user's password does not open the SWML routes, nor the reverse).
 */
public final class AgentRouteCredential implements Credential {

    private final BasicCredentials credentials;

    public AgentRouteCredential(BasicCredentials credentials) {
        this.credentials = credentials;
    }

    public String user() {
        return credentials.user();
    }

    public String password() {
        return credentials.password();
    }

    @Override
    public void clear() {
        // The strings are immutable; the holder is dropped right after validation.
    }

    @Override
    public String toString() {
        return "AgentRouteCredential[user=" + credentials.user() + "]";
    }
}
