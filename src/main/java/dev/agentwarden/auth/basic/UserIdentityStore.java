package dev.agentwarden.auth.basic;

import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.user.Passwords;
import dev.agentwarden.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Validates {@code /api} users' Basic credentials against the store's Argon2id hashes. */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    private UserRepository users;

    @Inject
    public UserIdentityStore(UserRepository users) {
        this.users = users;
    }

    /** For CDI proxies only. */
    protected UserIdentityStore() {
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential presented)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<UserRecord> user = users.byName(presented.getCaller());
        String password = presented.getPasswordAsString();
        if (!Passwords.verify(password, user.map(UserRecord::passwordHash).orElse(null)) || user.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(principal(user.get(), false), new HashSet<>(user.get().roles()));
    }

    /** The principal of a user or service account. */
    public static WardenPrincipal principal(UserRecord user, boolean mfa) {
        WardenPrincipal.Kind kind = "service".equals(user.kind()) ? WardenPrincipal.Kind.SERVICE
                : WardenPrincipal.Kind.USER;
        return new WardenPrincipal(user.username(), kind, Set.copyOf(user.roles()), Set.of(), mfa);
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
