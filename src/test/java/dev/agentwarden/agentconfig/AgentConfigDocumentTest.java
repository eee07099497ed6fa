package dev.agentwarden.agentconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.agentconfig.AgentConfigDocument.Auth;
import dev.agentwarden.agentconfig.AgentConfigDocument.AuthType;
import dev.agentwarden.agentconfig.AgentConfigDocument.Hsts;
import dev.agentwarden.agentconfig.AgentConfigDocument.IpWhitelistPolicy;
import dev.agentwarden.agentconfig.AgentConfigDocument.Mfa;
import dev.agentwarden.agentconfig.AgentConfigDocument.MfaOperation;
import dev.agentwarden.agentconfig.AgentConfigDocument.Mtls;
import dev.agentwarden.agentconfig.AgentConfigDocument.RateLimit;
import dev.agentwarden.agentconfig.AgentConfigDocument.Rotation;
import dev.agentwarden.agentconfig.AgentConfigDocument.Security;
import dev.agentwarden.agentconfig.AgentConfigDocument.Webhooks;
import dev.agentwarden.json.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentConfigDocumentTest {

    private static final Auth OAUTH = new Auth(AuthType.OAUTH2, "auth0", "your-client-id", "your-client-secret",
            List.of("read:agents", "write:agents"));

    private static final Security SECURITY = new Security(
            new IpWhitelistPolicy(true, List.of("203.0.113.0/24", "198.51.100.42")),
            new RateLimit(true, 100, "1m"),
            new Mfa(true, Set.of(MfaOperation.DELETE, MfaOperation.UPDATE)),
            new Rotation("90d"),
            new Mtls(true),
            true,
            new Hsts(true, 31_536_000, false),
            new Webhooks(false));

    private static final AgentConfigDocument SEED = new AgentConfigDocument(OAUTH, SECURITY);

    private static AgentConfigDocument withSecurity(Security security) {
        return new AgentConfigDocument(OAUTH, security);
    }

    @Test
    void theDefaultsAreAllOff() {
        assertEquals("""
                {"auth":{"type":"none","scopes":[]},"security":{"ipWhitelist":{"enabled":false,"addresses":[]},\
                "rateLimit":{"enabled":false,"requests":100,"window":"1m"},"mfa":{"enabled":false,"operations":[]},\
                "rotation":{},"mtls":{"enabled":false},"enforceHttps":false,\
                "hsts":{"enabled":false,"maxAge":31536000,"includeSubDomains":false},\
                "webhooks":{"requireTimestamp":false}}}""", Json.write(AgentConfigDocument.DEFAULTS.toMap()));
    }

    @Test
    void toMapHasTheSeedsShapeWithoutTheClientSecret() {
        assertEquals("""
                {"auth":{"type":"oauth2","provider":"auth0","clientId":"your-client-id",\
                "scopes":["read:agents","write:agents"]},\
                "security":{"ipWhitelist":{"enabled":true,"addresses":["203.0.113.0/24","198.51.100.42"]},\
                "rateLimit":{"enabled":true,"requests":100,"window":"1m"},\
                "mfa":{"enabled":true,"operations":["update","delete"]},"rotation":{"interval":"90d"},\
                "mtls":{"enabled":true},"enforceHttps":true,\
                "hsts":{"enabled":true,"maxAge":31536000,"includeSubDomains":false},\
                "webhooks":{"requireTimestamp":false}}}""", Json.write(SEED.toMap()));
    }

    @Test
    void theClientSecretIsNeverInTheMap() {
        assertFalse(Json.write(SEED.toMap()).contains("your-client-secret"));
        assertFalse(Json.write(SEED.toMap()).contains("clientSecret"));
    }

    @Test
    void theClientSecretIsMaskedInToString() {
        assertFalse(SEED.toString().contains("your-client-secret"));
        assertTrue(SEED.toString().contains("clientSecret=***"));
    }

    @Test
    void equalDocumentsHaveNoChangedPaths() {
        assertEquals(List.of(), AgentConfigDocument.changedPaths(SEED, new AgentConfigDocument(OAUTH, SECURITY)));
    }

    @Test
    void changedPathsListsEachChangedLeaf() {
        Security changed = new Security(new IpWhitelistPolicy(true, List.of("203.0.113.0/24")),
                new RateLimit(true, 50, "1m"), SECURITY.mfa(), SECURITY.rotation(), SECURITY.mtls(), false,
                new Hsts(true, 31_536_000, true), SECURITY.webhooks());

        assertEquals(List.of("/security/ipWhitelist/addresses", "/security/rateLimit/requests", "/security/enforceHttps",
                "/security/hsts/includeSubDomains"), AgentConfigDocument.changedPaths(SEED, withSecurity(changed)));
    }

    @Test
    void changedPathsNamesARemovedOptionalField() {
        Security noRotation = new Security(SECURITY.ipWhitelist(), SECURITY.rateLimit(), SECURITY.mfa(), null,
                SECURITY.mtls(), true, SECURITY.hsts(), SECURITY.webhooks());

        assertEquals(List.of("/security/rotation/interval"),
                AgentConfigDocument.changedPaths(SEED, withSecurity(noRotation)));
    }

    @Test
    void changedPathsFromNothingAreThoseThatDifferFromTheDefaults() {
        AgentConfigDocument https = new AgentConfigDocument(null, new Security(null, null, null, null, null, true, null, null));

        assertEquals(List.of("/security/enforceHttps"), AgentConfigDocument.changedPaths(null, https));
    }

    @Test
    void aChangedSecretIsNamedButNeverShown() {
        AgentConfigDocument rotated = new AgentConfigDocument(OAUTH.withClientSecret("new-secret"), SECURITY);

        List<String> changed = AgentConfigDocument.changedPaths(SEED, rotated);

        assertEquals(List.of("/auth/clientSecret"), changed);
        assertFalse(changed.toString().contains("new-secret"));
    }

    @Test
    void mfaOrderDoesNotCountAsAChange() {
        Security reordered = new Security(SECURITY.ipWhitelist(), SECURITY.rateLimit(),
                new Mfa(true, new LinkedHashSet<>(List.of(MfaOperation.UPDATE, MfaOperation.DELETE))), SECURITY.rotation(),
                SECURITY.mtls(), true, SECURITY.hsts(), SECURITY.webhooks());

        assertEquals(List.of(), AgentConfigDocument.changedPaths(SEED, withSecurity(reordered)));
    }

    @Test
    void anOmittedSecretIsKeptFromThePreviousDocument() {
        AgentConfigDocument put = new AgentConfigDocument(OAUTH.withClientSecret(null), SECURITY);

        assertEquals("your-client-secret", put.withSecretKeptFrom(SEED).auth().clientSecret());
    }

    @Test
    void aNewSecretReplacesThePreviousOne() {
        AgentConfigDocument put = new AgentConfigDocument(OAUTH.withClientSecret("new"), SECURITY);

        assertSame(put, put.withSecretKeptFrom(SEED));
    }

    @Test
    void mfaRequiresOnlyListedOperationsWhenEnabled() {
        assertTrue(SECURITY.mfa().requires(MfaOperation.DELETE));
        assertFalse(SECURITY.mfa().requires(MfaOperation.KEYS));
        assertFalse(new Mfa(false, Set.of(MfaOperation.DELETE)).requires(MfaOperation.DELETE));
    }

    @Test
    void hstsHeaderValueFollowsTheBlock() {
        assertEquals("max-age=31536000", SECURITY.hsts().headerValue());
        assertEquals("max-age=600; includeSubDomains", new Hsts(true, 600, true).headerValue());
    }

    @Test
    void theWhitelistPolicyBuildsItsMatcher() {
        assertTrue(SECURITY.ipWhitelist().whitelist().contains("203.0.113.50"));
        assertFalse(SECURITY.ipWhitelist().whitelist().contains("203.0.114.50"));
    }

    @Test
    void noRotationPolicyHasNoInterval() {
        assertEquals(Optional.empty(), Rotation.NONE.intervalDuration());
    }

    @Test
    void aRateLimitRefusesZeroRequests() {
        assertEquals("requests must be positive",
                assertThrows(IllegalArgumentException.class, () -> new RateLimit(true, 0, "1m")).getMessage());
    }

    @Test
    void aRateLimitRefusesAZeroWindow() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(true, 1, "0m"));
    }

    @Test
    void aRotationRefusesADurationWithoutUnit() {
        assertThrows(IllegalArgumentException.class, () -> new Rotation("90"));
    }

    @Test
    void hstsRefusesANegativeMaxAge() {
        assertEquals("maxAge must not be negative",
                assertThrows(IllegalArgumentException.class, () -> new Hsts(true, -1, false)).getMessage());
    }

    @Test
    void aWhitelistPolicyRefusesABadCidr() {
        assertEquals("'10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR block", assertThrows(
                IllegalArgumentException.class, () -> new IpWhitelistPolicy(true, List.of("10.0.0.0/33"))).getMessage());
    }

    @Test
    void oauth2AuthRefusesAMissingProvider() {
        assertEquals("oauth2 needs a provider and a clientId", assertThrows(IllegalArgumentException.class,
                () -> new Auth(AuthType.OAUTH2, null, "id", null, null)).getMessage());
    }

    @Test
    void wireNamesRoundTrip() {
        assertEquals(AuthType.API_KEY, AuthType.fromWire("api_key"));
        assertEquals("whitelist", MfaOperation.WHITELIST.wire());
        assertEquals(MfaOperation.EXPORT, MfaOperation.fromWire("export"));
        assertThrows(IllegalArgumentException.class, () -> MfaOperation.fromWire("sms"));
    }
}
