package dev.agentwarden.auth.oidc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which {@code return_to} makes the callback open a console session instead of answering a token. */
class ConsoleReturnTest {

    @Test
    void theConsolesPagesOpenASession() {
        assertTrue(OidcResource.isConsolePath("/console/"));
        assertTrue(OidcResource.isConsolePath("/console/#/agents/secure-agent/keys"));
    }

    @Test
    void anythingElseGetsTheToken() {
        assertFalse(OidcResource.isConsolePath(null));
        assertFalse(OidcResource.isConsolePath("/"));
        assertFalse(OidcResource.isConsolePath("/console"));
        assertFalse(OidcResource.isConsolePath("/console/app.js"));
        assertFalse(OidcResource.isConsolePath("/consoles/"));
        assertFalse(OidcResource.isConsolePath("/api/agents"));
    }
}
