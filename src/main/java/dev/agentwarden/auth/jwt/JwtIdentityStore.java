package dev.agentwarden.auth.jwt;

import dev.agentwarden.account.ServiceAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * Validates JWT bearer tokens: the caller becomes the token's {@code sub}, with the known roles it carries; a service
 * account's token ({@code client_id}) makes a {@code SERVICE} caller with the token's permissions, as long as the
 * account and the credential it was issued to still exist (an in-memory lookup: {@link ServiceAccounts#isLive}).
 */
@ApplicationScoped
public class JwtIdentityStore implements IdentityStore {

    private JwtService jwts;
    private ServiceAccounts accounts;

    @Inject
    public JwtIdentityStore(JwtService jwts, ServiceAccounts accounts) {
        this.jwts = jwts;
        this.accounts = accounts;
    }

    /** For CDI proxies only. */
    protected JwtIdentityStore() {
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof JwtCredential presented)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        JwtService.Verification verification = jwts.verify(presented.token());
        if (!verification.isValid()) {
            presented.refuse(verification.refusal());
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (verification.clientId() != null
                && !accounts.isLive(verification.principal().getName(), verification.clientId())) {
            presented.refuse(JwtService.INVALID); // the account was deleted, or the credential revoked
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(verification.principal(), verification.principal().roles());
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
