package dev.agentwarden.auth.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code return_to}: a path on this server, nothing that a browser would take to another host. */
class ReturnToTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console/", "/console/#/agents?x=1", "/api/agents"})
    void pathsOfThisServerAreAccepted(String returnTo) {
        assertTrue(OidcResource.isLocalPath(returnTo), returnTo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/", "/\\\\evil.example", "\\\\evil.example",
        "console/", "", "javascript:alert(1)", "/\\u0000x", "/console/\\r\\nLocation: https://evil.example"})
    void anythingElseIsRefused(String returnTo) {
        assertFalse(OidcResource.isLocalPath(returnTo), returnTo);
    }
}
