package dev.agentwarden.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.account.ServiceAccounts;
import dev.agentwarden.store.ServiceAccountRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ClientCredentialsGrant}: the client's secret first, then the scope, which may only narrow. */
class ClientCredentialsGrantTest {

    private static final ServiceAccountRecord BILLING = new ServiceAccountRecord("1", "billing-bot",
            List.of("agents:read:billing", "agents:use_agent:billing"), List.of("billing"), null, null, "admin", 0);

    /** The accounts, as far as the grant asks them: one credential, {@code sa_1} / {@code sas_right}. */
    private static final class Accounts extends ServiceAccounts {
        @Override
        public Optional<ServiceAccountRecord> authenticate(String clientId, String secret) {
            return "sa_1".equals(clientId) && "sas_right".equals(secret) ? Optional.of(BILLING) : Optional.empty();
        }
    }

    private static final ClientCredentialsGrant GRANT = new ClientCredentialsGrant(new Accounts());

    private static ClientCredentialsGrant.Outcome check(String secret, String scope) {
        return GRANT.check(new ClientAuthentication("sa_1", secret, false), scope);
    }

    @Test
    void theRightSecretGetsEverythingTheAccountHolds() {
        ClientCredentialsGrant.Outcome outcome = check("sas_right", null);
        assertTrue(outcome.granted());
        assertEquals("billing-bot", outcome.account().name());
        assertEquals("sa_1", outcome.clientId());
        assertEquals(BILLING.permissions(), outcome.permissions());
    }

    @Test
    void aWrongSecretIsAnInvalidClient() {
        ClientCredentialsGrant.Outcome outcome = check("sas_wrong", null);
        assertFalse(outcome.granted());
        assertEquals("invalid_client", outcome.refusal());
    }

    @Test
    void aWrongSecretIsAnInvalidClientEvenWithAWiderScope() {
        assertEquals("invalid_client", check("sas_wrong", "*").refusal());
    }

    @Test
    void aNarrowerScopeGetsOnlyWhatItAsks() {
        assertEquals(List.of("agents:read:billing"), check("sas_right", "read").permissions());
    }

    @Test
    void aWiderScopeIsAnInvalidScope() {
        ClientCredentialsGrant.Outcome outcome = check("sas_right", "read write");
        assertFalse(outcome.granted());
        assertEquals("invalid_scope", outcome.refusal());
    }
}
