package dev.agentwarden.auth.jwt;

import dev.agentwarden.store.UserRecord;
import dev.agentwarden.store.UserRepository;
import dev.agentwarden.user.Passwords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Decides who gets a token: the {@code password} grant for users, {@code client_credentials} for service accounts,
 * both checked against the store's Argon2id hashes. Every refusal costs one Argon2 verification, whatever its cause,
 * so that timing tells no one which accounts exist.
 */
@ApplicationScoped
public class TokenGrants {

    /** Wrong name, wrong secret, or an account of the other kind. */
    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    /** The account has MFA on; the token endpoint cannot check a second factor yet. */
    public static final String MFA_REQUIRED = "mfa_required";

    private UserRepository users;

    @Inject
    public TokenGrants(UserRepository users) {
        this.users = users;
    }

    /** For CDI proxies only. */
    protected TokenGrants() {
    }

    /** The outcome: the account to issue a token for, or the problem code of the refusal. */
    public record Outcome(UserRecord account, String refusal) {

        public boolean granted() {
            return account != null;
        }
    }

    /** Checks a {@linkplain TokenRequest#validated validated} request. */
    public Outcome check(TokenRequest request) {
        Optional<UserRecord> account = users.byName(request.account());
        boolean matches = Passwords.verify(request.secret(), account.map(UserRecord::passwordHash).orElse(null));
        String kind = request.isPasswordGrant() ? "user" : "service";
        if (!matches || account.isEmpty() || !kind.equals(account.get().kind())) {
            return new Outcome(null, INVALID_CREDENTIALS);
        }
        if (account.get().mfaEnabled()) {
            return new Outcome(null, MFA_REQUIRED);
        }
        return new Outcome(account.get(), null);
    }
}
