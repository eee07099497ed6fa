package dev.agentwarden.auth.apikey;

import dev.agentwarden.apikey.ApiKeys;
import dev.agentwarden.authz.WardenPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;

/** Validates API keys: the caller becomes {@code apikey:<id>}, allowed {@code use_agent} on its one agent. */
@ApplicationScoped
public class ApiKeyIdentityStore implements IdentityStore {

    private ApiKeys keys;

    @Inject
    public ApiKeyIdentityStore(ApiKeys keys) {
        this.keys = keys;
    }

    /** For CDI proxies only. */
    protected ApiKeyIdentityStore() {
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof ApiKeyCredential presented)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        ApiKeys.Check check = keys.check(presented.key());
        if (!check.valid()) {
            presented.refuse(check.refusal());
            return CredentialValidationResult.INVALID_RESULT;
        }
        WardenPrincipal principal = new WardenPrincipal("apikey:" + check.key().id(), WardenPrincipal.Kind.API_KEY,
                Set.of(), Set.of("agents:use_agent:" + check.key().agent()), false);
        return new CredentialValidationResult(principal, Set.of());
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
