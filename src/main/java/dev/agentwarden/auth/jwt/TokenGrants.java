package dev.agentwarden.auth.jwt;

import dev.agentwarden.mfa.Mfa;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.store.UserRepository;
import dev.agentwarden.user.Passwords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Decides which user gets a token by the {@code password} grant, against the store's Argon2id hashes. Every refusal
 * costs one Argon2 verification, whatever its cause, so that timing tells no one which accounts exist. (Service
 * accounts use {@code client_credentials}: {@link ClientCredentialsGrant}. A {@code users} row of kind
 * {@code service}, which no API creates, gets no token by either grant.)
 */
@ApplicationScoped
public class TokenGrants {

    /** Wrong name, wrong password, or a row that is not a person's account. */
    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    /** The account has MFA on and the request carries no {@code mfa_code}. */
    public static final String MFA_REQUIRED = "mfa_required";
    /** The {@code mfa_code} is wrong, reused or malformed. */
    public static final String MFA_INVALID = "mfa_invalid";
    /** Too many wrong codes for the account lately. */
    public static final String RATE_LIMITED = "rate_limited";

    private UserRepository users;
    private Mfa mfa;

    @Inject
    public TokenGrants(UserRepository users, Mfa mfa) {
        this.users = users;
        this.mfa = mfa;
    }

    /** For CDI proxies only. */
    protected TokenGrants() {
    }

    /**
     * The outcome: the account to issue a token for and whether a second factor was proven, or the problem code of
     * the refusal (and for {@code rate_limited}, the seconds until codes are taken again).
     */
    public record Outcome(UserRecord account, String refusal, boolean mfa, long retryAfterSeconds) {

        public Outcome(UserRecord account, String refusal) {
            this(account, refusal, false, 0);
        }

        public Outcome(UserRecord account, String refusal, boolean mfa) {
            this(account, refusal, mfa, 0);
        }

        public boolean granted() {
            return account != null;
        }
    }

    /** Checks a {@linkplain TokenRequest#validated validated} request. */
    public Outcome check(TokenRequest request) {
        return check(request, null);
    }

    /**
     * Checks a {@linkplain TokenRequest#validated validated} request from {@code peer}. A user with MFA on also needs
     * {@code mfa_code} (a TOTP or recovery code), checked only once the password holds: a wrong password never spends
     * or probes a code.
     */
    public Outcome check(TokenRequest request, String peer) {
        Optional<UserRecord> account = users.byName(request.account());
        boolean matches = Passwords.verify(request.secret(), account.map(UserRecord::passwordHash).orElse(null));
        if (!matches || account.isEmpty() || !request.isPasswordGrant() || !"user".equals(account.get().kind())) {
            return new Outcome(null, INVALID_CREDENTIALS);
        }
        if (account.get().mfaEnabled()) {
            return switch (mfa.verify(account.get().username(), request.mfaCode(), peer)) {
                case VALID, RECOVERY -> new Outcome(account.get(), null, true);
                case MISSING -> new Outcome(null, MFA_REQUIRED);
                case INVALID -> new Outcome(null, MFA_INVALID);
                case RATE_LIMITED -> new Outcome(null, RATE_LIMITED, false,
                        Math.max(1, mfa.retryAfterSeconds(account.get().username())));
                case NOT_ENROLLED -> new Outcome(account.get(), null, false); // turned off meanwhile
            };
        }
        return new Outcome(account.get(), null);
    }
}
