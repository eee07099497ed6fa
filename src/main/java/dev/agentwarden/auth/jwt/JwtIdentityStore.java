package dev.agentwarden.auth.jwt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;

/** Validates JWT bearer tokens: the caller becomes the token's {@code sub}, with the known roles it carries. */
@ApplicationScoped
public class JwtIdentityStore implements IdentityStore {

    private JwtService jwts;

    @Inject
    public JwtIdentityStore(JwtService jwts) {
        this.jwts = jwts;
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
        return new CredentialValidationResult(verification.principal(), verification.principal().roles());
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
