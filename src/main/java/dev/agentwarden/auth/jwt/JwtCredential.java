package dev.agentwarden.auth.jwt;

import dev.agentwarden.auth.RefusableCredential;

/** A JWT presented as {@code Authorization: Bearer eyJ...}. */
public final class JwtCredential extends RefusableCredential {

    private final String token;

    public JwtCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    @Override
    public String toString() {
        return "JwtCredential[...]";
    }
}
