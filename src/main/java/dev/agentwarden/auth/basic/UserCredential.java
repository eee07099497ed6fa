package dev.agentwarden.auth.basic;

import dev.agentwarden.auth.RefusableCredential;

/**
 * A person's Basic credentials on {@code /api}, with the {@code X-MFA-Code} header that a user with MFA on must add,
 * and the client address for the audit trail. Never prints the password or the code.
 */
public final class UserCredential extends RefusableCredential {

    private final String username;
    private final String password;
    private final String mfaCode;
    private final String peer;

    public UserCredential(String username, String password, String mfaCode, String peer) {
        this.username = username;
        this.password = password;
        this.mfaCode = mfaCode;
        this.peer = peer;
    }

    public String username() {
        return username;
    }

    String password() {
        return password;
    }

    String mfaCode() {
        return mfaCode;
    }

    String peer() {
        return peer;
    }

    @Override
    public String toString() {
        return "UserCredential[" + username + "]";
    }
}
