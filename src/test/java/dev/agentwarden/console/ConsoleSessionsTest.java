package dev.agentwarden.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.clock.MutableClock;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Console sessions on a clock the test moves: idle and absolute expiry, sign-out, the CSRF check, the store's keys. */
class ConsoleSessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryConsoleSessionStore store = new InMemoryConsoleSessionStore();
    private final ConsoleSessions sessions = new ConsoleSessions(store, clock);
    private final WardenPrincipal alice = new WardenPrincipal("alice", WardenPrincipal.Kind.USER, Set.of("admin"),
            Set.of(), false);

    @Test
    void aNewSessionIsFoundByItsId() {
        ConsoleSessions.Started started = sessions.start(alice);
        Optional<ConsoleSession> found = sessions.use(started.id());
        assertTrue(found.isPresent());
        assertEquals("alice", found.get().principal().getName());
        assertEquals(started.session().csrfToken(), found.get().csrfToken());
    }

    @Test
    void idsAndTokensAreLongRandomAndDistinct() {
        ConsoleSessions.Started one = sessions.start(alice);
        ConsoleSessions.Started two = sessions.start(alice);
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.session().csrfToken(), two.session().csrfToken());
        assertNotEquals(one.id(), one.session().csrfToken());
        assertTrue(one.id().matches("[A-Za-z0-9_-]{43}"), one.id());
    }

    @Test
    void theStoreNeverHoldsTheIdItself() {
        ConsoleSessions.Started started = sessions.start(alice);
        assertTrue(store.get(started.id()).isEmpty(), "keyed by the id's hash");
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutes() {
        ConsoleSessions.Started started = sessions.start(alice);
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertTrue(sessions.use(started.id()).isPresent());
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertTrue(sessions.use(started.id()).isPresent(), "each use starts the idle time again");
        clock.advance(Duration.ofMinutes(30));
        assertTrue(sessions.use(started.id()).isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(sessions.use(started.id()).isEmpty(), "an ended session stays ended");
    }

    @Test
    void aBusySessionEndsTwelveHoursAfterSignIn() {
        ConsoleSessions.Started started = sessions.start(alice);
        for (int i = 0; i < 12 * 4 - 1; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertTrue(sessions.use(started.id()).isPresent(), "at " + clock.instant());
        }
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.use(started.id()).isEmpty());
    }

    @Test
    void signingOutEndsTheSession() {
        ConsoleSessions.Started started = sessions.start(alice);
        sessions.end(started.id());
        assertTrue(sessions.use(started.id()).isEmpty());
    }

    @Test
    void unknownAndOversizedIdsFindNothing() {
        sessions.start(alice);
        assertTrue(sessions.use(null).isEmpty());
        assertTrue(sessions.use("").isEmpty());
        assertTrue(sessions.use("x".repeat(43)).isEmpty());
        assertTrue(sessions.use("x".repeat(10_000)).isEmpty());
    }

    @Test
    void theCsrfTokenMustMatchExactly() {
        ConsoleSession session = sessions.start(alice).session();
        assertTrue(ConsoleSessions.csrfMatches(session, session.csrfToken()));
        assertFalse(ConsoleSessions.csrfMatches(session, null));
        assertFalse(ConsoleSessions.csrfMatches(session, ""));
        assertFalse(ConsoleSessions.csrfMatches(session, session.csrfToken() + "x"));
        assertFalse(ConsoleSessions.csrfMatches(session, session.csrfToken().substring(1)));
    }

    @Test
    void onlyReadingMethodsAreSafe() {
        assertTrue(ConsoleSessions.isSafe("GET"));
        assertTrue(ConsoleSessions.isSafe("HEAD"));
        assertTrue(ConsoleSessions.isSafe("OPTIONS"));
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE", "get", "TRACE"}) {
            assertFalse(ConsoleSessions.isSafe(method), method);
        }
    }

    @Test
    void endedSessionsAreForgottenAtTheNextSignIn() {
        ConsoleSessions.Started old = sessions.start(alice);
        clock.advance(Duration.ofMinutes(31));
        sessions.start(alice);
        int[] left = {0};
        store.removeIf(s -> {
            left[0]++;
            return false;
        });
        assertEquals(1, left[0], "only the new session is kept");
        assertTrue(sessions.use(old.id()).isEmpty());
    }

    /** A request below {@code contextPath} (only what the cookie builder reads). */
    private static HttpServletRequest requestBelow(String contextPath) {
        return (HttpServletRequest) Proxy.newProxyInstance(ConsoleSessionsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getContextPath")) {
                        return contextPath;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theCookieIsHttpOnlyStrictForTheApiOnlyAndSecureOnHttps() {
        assertEquals("warden_console=abc; Path=/api; HttpOnly; SameSite=Strict",
                ConsoleSessions.cookie(requestBelow(""), "abc", false));
        assertEquals("warden_console=abc; Path=/warden/api; HttpOnly; SameSite=Strict; Secure",
                ConsoleSessions.cookie(requestBelow("/warden"), "abc", true));
        assertEquals("warden_console=; Path=/api; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
                ConsoleSessions.clearedCookie(requestBelow(""), true));
    }
}
