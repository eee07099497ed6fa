package dev.agentwarden.auth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.mfa.Mfa;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.store.UserRepository;
import dev.agentwarden.user.Passwords;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TokenGrants} and {@link TokenRequest}: who gets a token, and which requests are malformed. */
class TokenGrantsTest {

    private static final String PASSWORD = "correct-horse-battery-staple";

    private static TokenGrants grants;

    /** The store, as far as the grants ask it. */
    private static final class Users extends UserRepository {
        private final Map<String, UserRecord> byName;

        Users(Map<String, UserRecord> byName) {
            this.byName = byName;
        }

        @Override
        public Optional<UserRecord> byName(String username) {
            return Optional.ofNullable(byName.get(username));
        }
    }

    /** The second factor, as far as the grants ask it: {@code 246810} is carol's valid code, the rest is wrong. */
    private static final class Codes extends Mfa {
        @Override
        public Check verify(String username, String code, String peer) {
            if (code == null) {
                return Check.MISSING;
            }
            return "carol".equals(username) && "246810".equals(code) ? Check.VALID : Check.INVALID;
        }
    }

    @BeforeAll
    static void store() {
        String hash = Passwords.hash(PASSWORD);
        grants = new TokenGrants(new Users(Map.of(
                "alice", new UserRecord("1", "alice", hash, List.of("viewer"), "user", 0, false, null),
                "bot", new UserRecord("2", "bot", hash, List.of("developer"), "service", 0, false, null),
                "carol", new UserRecord("3", "carol", hash, List.of("admin"), "user", 0, true, "SECRET"))), new Codes());
    }

    private static TokenRequest password(String user, String password) {
        return TokenRequest.validated(new TokenRequest("password", user, password, null, null, null, null));
    }

    private static TokenRequest client(String id, String secret) {
        return TokenRequest.validated(new TokenRequest("client_credentials", null, null, null, id, secret, null));
    }

    private static void assertRefused(String code, TokenRequest request) {
        TokenGrants.Outcome outcome = grants.check(request);
        assertFalse(outcome.granted());
        assertEquals(code, outcome.refusal());
    }

    @Test
    void aUserWithTheRightPasswordGetsAToken() {
        assertEquals("alice", grants.check(password("alice", PASSWORD)).account().username());
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertRefused("invalid_credentials", password("alice", PASSWORD + "x"));
    }

    @Test
    void anUnknownUserIsRefusedTheSameWay() {
        assertRefused("invalid_credentials", password("mallory", PASSWORD));
    }

    @Test
    void aServiceAccountCannotUseThePasswordGrant() {
        assertRefused("invalid_credentials", password("bot", PASSWORD));
    }

    @Test
    void aUsersRowOfKindServiceGetsNoTokenByClientCredentials() {
        // Service accounts are their own table now (ClientCredentialsGrant); the users table's path is gone.
        assertRefused("invalid_credentials", client("bot", PASSWORD));
    }

    @Test
    void aUserCannotUseClientCredentials() {
        assertRefused("invalid_credentials", client("alice", PASSWORD));
    }

    @Test
    void anMfaUserIsAskedForTheSecondFactorAfterThePassword() {
        assertRefused("mfa_required", password("carol", PASSWORD));
    }

    @Test
    void anMfaUserWithAWrongCodeIsRefusedAsMfaInvalid() {
        assertRefused("mfa_invalid", TokenRequest.validated(
                new TokenRequest("password", "carol", PASSWORD, "123456", null, null, null)));
    }

    @Test
    void anMfaUserWithAValidCodeGetsATokenWithMfa() {
        TokenGrants.Outcome outcome = grants.check(TokenRequest.validated(
                new TokenRequest("password", "carol", PASSWORD, "246810", null, null, null)));
        assertTrue(outcome.granted());
        assertTrue(outcome.mfa());
    }

    @Test
    void aUserWithoutMfaGetsATokenWithoutMfa() {
        assertFalse(grants.check(password("alice", PASSWORD)).mfa());
    }

    @Test
    void anMfaUserWithAWrongPasswordLearnsNothingAboutMfa() {
        assertRefused("invalid_credentials", password("carol", "wrong-password"));
    }

    @Test
    void aMissingOrUnknownGrantTypeIs400() {
        assertEquals(400, assertThrows(ApiException.class, () -> TokenRequest.validated(null)).status());
        for (String grant : new String[] {null, "", "authorization_code", "refresh_token", "PASSWORD"}) {
            ApiException e = assertThrows(ApiException.class,
                    () -> TokenRequest.validated(new TokenRequest(grant, "alice", PASSWORD, null, null, null, null)));
            assertEquals("validation_failed", e.code());
        }
    }

    @Test
    void missingFieldsAre400() {
        assertThrows(ApiException.class, () -> password("alice", null));
        assertThrows(ApiException.class, () -> password("alice", ""));
        assertThrows(ApiException.class, () -> password(null, PASSWORD));
        assertThrows(ApiException.class, () -> TokenRequest.validated(new TokenRequest("client_credentials", null, null,
                null, "sa_x", "s", "x".repeat(16_385))));
        assertThrows(ApiException.class, () -> password("alice", "x".repeat(1025)));
        assertThrows(ApiException.class, () -> password("a".repeat(257), PASSWORD));
    }

    @Test
    void aFormFieldSentTwiceIs400() {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.add("grant_type", "password");
        form.add("username", "alice");
        form.add("password", PASSWORD);
        assertEquals("alice", TokenRequest.fromForm(form).username());
        form.add("password", "another");
        assertEquals("validation_failed", assertThrows(ApiException.class, () -> TokenRequest.fromForm(form)).code());
    }

    @Test
    void clientCredentialsMayComeWithoutFieldsForTheAuthorizationHeaderCarriesThem() {
        assertEquals("client_credentials", client(null, null).grantType());
    }

    @Test
    void theRequestNeverPrintsItsSecrets() {
        assertFalse(password("alice", PASSWORD).toString().contains(PASSWORD));
        assertFalse(client("bot", PASSWORD).toString().contains(PASSWORD));
        assertTrue(client("bot", PASSWORD).toString().contains("bot"));
    }
}
