package dev.agentwarden.auth.jwt;

import dev.agentwarden.account.AccountPermissions;
import dev.agentwarden.account.ServiceAccounts;
import dev.agentwarden.store.ServiceAccountRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code client_credentials} grant (RFC 6749 §4.4) for service accounts: the client authenticated (RFC 6749
 * §2.3, {@link ClientAuthentication}) against the account's credentials, then the permissions the token gets: all
 * the account's, or fewer when {@code scope} asks for fewer; a scope that asks for more is refused
 * ({@code invalid_scope}), never silently cut.
 */
@ApplicationScoped
public class ClientCredentialsGrant {

    /** RFC 6749 §5.2: the scope asks for a permission the account does not hold, or is malformed. */
    public static final String INVALID_SCOPE = "invalid_scope";

    private ServiceAccounts accounts;

    @Inject
    public ClientCredentialsGrant(ServiceAccounts accounts) {
        this.accounts = accounts;
    }

    /** For CDI proxies only. */
    protected ClientCredentialsGrant() {
    }

    /**
     * The outcome: the account, the credential and the permissions to issue a token with, or the RFC 6749 error code
     * of the refusal.
     */
    public record Outcome(ServiceAccountRecord account, String clientId, List<String> permissions, String refusal) {

        static Outcome refused(String clientId, String code) {
            return new Outcome(null, clientId, List.of(), code);
        }

        public boolean granted() {
            return account != null;
        }
    }

    /** Checks an authenticated {@code client} asking for {@code scope} ({@code null}: everything it holds). */
    public Outcome check(ClientAuthentication client, String scope) {
        Optional<ServiceAccountRecord> account = accounts.authenticate(client.clientId(), client.clientSecret());
        if (account.isEmpty()) {
            return Outcome.refused(client.clientId(), ClientAuthentication.INVALID_CLIENT);
        }
        try {
            List<String> granted = AccountPermissions.narrow(account.get().permissions(), account.get().agents(),
                    scope);
            return new Outcome(account.get(), client.clientId(), granted, null);
        } catch (AccountPermissions.InvalidPermission e) {
            return Outcome.refused(client.clientId(), INVALID_SCOPE);
        }
    }
}
