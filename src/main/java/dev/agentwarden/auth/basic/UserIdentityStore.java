package dev.agentwarden.auth.basic;

import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.mfa.Mfa;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.user.Passwords;
import dev.agentwarden.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Validates {@code /api} users' Basic credentials against the store's Argon2id hashes, and, for a user with MFA on,
 * the {@code X-MFA-Code} that must come with them (refused as {@code mfa_required}, {@code mfa_invalid} or
 * {@code rate_limited}). A code is accepted once, so a person with MFA signs in for a session with a token
 * ({@code POST /api/auth/token} with {@code mfa_code}) rather than Basic on every request.
 */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    private UserRepository users;
    private Mfa mfa;
    private Clock clock;

    @Inject
    public UserIdentityStore(UserRepository users, Mfa mfa, Clock clock) {
        this.users = users;
        this.mfa = mfa;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected UserIdentityStore() {
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UserCredential presented)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<UserRecord> user = users.byName(presented.username());
        if (!Passwords.verify(presented.password(), user.map(UserRecord::passwordHash).orElse(null))
                || user.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        Instant mfaAt = null;
        if (user.get().mfaEnabled()) {
            // Only once the password holds: a wrong password never spends or probes a code.
            Mfa.Check check = mfa.verify(user.get().username(), presented.mfaCode(), presented.peer());
            switch (check) {
                case VALID, RECOVERY -> mfaAt = clock.instant();
                case NOT_ENROLLED -> mfaAt = null; // turned off meanwhile
                case RATE_LIMITED -> {
                    presented.refuse("rate_limited", mfa.retryAfterSeconds(user.get().username()));
                    return CredentialValidationResult.INVALID_RESULT;
                }
                default -> {
                    presented.refuse(check == Mfa.Check.MISSING ? "mfa_required" : "mfa_invalid");
                    return CredentialValidationResult.INVALID_RESULT;
                }
            }
        }
        return new CredentialValidationResult(principal(user.get(), mfaAt), new HashSet<>(user.get().roles()));
    }

    /** The principal of a user or service account; {@code mfaAt} when a second factor was just proven. */
    public static WardenPrincipal principal(UserRecord user, Instant mfaAt) {
        WardenPrincipal.Kind kind = "service".equals(user.kind()) ? WardenPrincipal.Kind.SERVICE
                : WardenPrincipal.Kind.USER;
        return new WardenPrincipal(user.username(), kind, Set.copyOf(user.roles()), Set.of(), mfaAt != null, mfaAt);
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
