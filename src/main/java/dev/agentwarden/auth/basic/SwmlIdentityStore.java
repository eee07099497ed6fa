package dev.agentwarden.auth.basic;

import dev.agentwarden.config.SwmlSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Validates agent-route Basic credentials against {@code SWML_BASIC_AUTH_USER} / {@code SWML_BASIC_AUTH_PASSWORD}.
 * Both parts are compared as SHA-256 digests with {@link MessageDigest#isEqual}: constant time, and blind to length.
 */
@ApplicationScoped
public class SwmlIdentityStore implements IdentityStore {

    /** The group of callers authenticated on agent routes. */
    public static final String GROUP = "swml";

    private byte[] userDigest;
    private byte[] passwordDigest;
    private String user;

    @Inject
    public SwmlIdentityStore(SwmlSettings settings) {
        this.user = settings.basicUser();
        this.userDigest = sha256(settings.basicUser());
        this.passwordDigest = sha256(settings.basicPassword());
    }

    /** For CDI proxies only. */
    protected SwmlIdentityStore() {
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof AgentRouteCredential presented)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        // Both comparisons always run, so timing tells nothing about which part was wrong.
        boolean userOk = MessageDigest.isEqual(userDigest, sha256(presented.user()));
        boolean passwordOk = MessageDigest.isEqual(passwordDigest, sha256(presented.password()));
        return userOk & passwordOk ? new CredentialValidationResult(user, Set.of(GROUP))
                : CredentialValidationResult.INVALID_RESULT;
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }

    /** One digest per thread: this runs on every webhook call, and a provider lookup per call showed in profiles. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static byte[] sha256(String value) {
        return SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8));
    }
}
