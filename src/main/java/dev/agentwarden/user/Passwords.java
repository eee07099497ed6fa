package dev.agentwarden.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id (password4j), at OWASP's recommended cost: 19 MiB, 2 iterations, 1 lane.
 * The parameters travel inside each hash, so raising them later leaves old hashes verifiable.
 */
public final class Passwords {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /** A dummy hash, verified when the user does not exist, so that a missing user costs as much as a wrong password. */
    private static final String DUMMY = hash("agent-warden-dummy-password");

    private Passwords() {
    }

    /** The Argon2id hash of {@code password}, with a fresh 16-byte salt. */
    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** Whether {@code password} matches {@code hash} (constant-time comparison inside password4j). */
    public static boolean verify(String password, String hash) {
        String target = hash == null ? DUMMY : hash;
        boolean matches = Password.check(password, target).with(Argon2Function.getInstanceFromHash(target));
        return hash != null && matches;
    }
}
