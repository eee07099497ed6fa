package dev.agentwarden.auth.apikey;

import dev.agentwarden.auth.RefusableCredential;

/** An API key presented as {@code Authorization: Bearer sk_live_...}. */
public final class ApiKeyCredential extends RefusableCredential {

    private final String key;

    public ApiKeyCredential(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether a bearer token has the form of one of our keys (as opposed to a JWT). */
    public static boolean looksLikeKey(String token) {
        return token.startsWith("sk_live_") || token.startsWith("sk_test_");
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[" + (key.length() > 12 ? key.substring(0, 12) : "") + "...]";
    }
}
