package dev.agentwarden.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The agent an {@code /api/agents/{agent}} path names, read as JAX-RS reads the path parameter. */
class RequestTargetsTest {

    @Test
    void thePlainNameIsTheSegment() {
        assertEquals("secure-agent", RequestTargets.apiAgent("/api/agents/secure-agent/invoke"));
    }

    @Test
    void theAgentsOwnPathNamesIt() {
        assertEquals("secure-agent", RequestTargets.apiAgent("/api/agents/secure-agent"));
    }

    @Test
    void percentEscapesAreDecoded() {
        assertEquals("secure-agent", RequestTargets.apiAgent("/api/agents/secure%2Dagent/invoke"));
    }

    @Test
    void matrixParametersAreDropped() {
        assertEquals("secure-agent", RequestTargets.apiAgent("/api/agents/secure-agent;x=1/invoke"));
    }

    @Test
    void aPlusStaysAPlus() {
        assertEquals("a+b", RequestTargets.apiAgent("/api/agents/a+b/invoke"));
    }

    @Test
    void aMalformedEscapeIsKeptAsItIs() {
        assertEquals("a%zz", RequestTargets.apiAgent("/api/agents/a%zz/invoke"));
    }

    @Test
    void theListNamesNoAgent() {
        assertNull(RequestTargets.apiAgent("/api/agents/"));
        assertNull(RequestTargets.apiAgent("/api/users"));
    }

    @Test
    void theConsolesFilesAreTheConsole() {
        assertTrue(RequestTargets.isConsole("/console"));
        assertTrue(RequestTargets.isConsole("/console/"));
        assertTrue(RequestTargets.isConsole("/console/index.html"));
        assertTrue(RequestTargets.isConsole("/console/pages/keys.js"));
    }

    @Test
    void noSpellingOfAnotherPathPassesForTheConsole() {
        assertFalse(RequestTargets.isConsole("/console/../api/agents"));
        assertFalse(RequestTargets.isConsole("/console/..;/api/agents"));
        assertFalse(RequestTargets.isConsole("/console;x=1/index.html"));
        assertFalse(RequestTargets.isConsole("/console/%2e%2e/api/agents"));
        assertFalse(RequestTargets.isConsole("/console//api"));
        assertFalse(RequestTargets.isConsole("/console/.hidden"));
        assertFalse(RequestTargets.isConsole("/consoles"));
        assertFalse(RequestTargets.isConsole("/api/console/session"));
    }
}
