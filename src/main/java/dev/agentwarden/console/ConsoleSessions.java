package dev.agentwarden.console;

import dev.agentwarden.authz.WardenPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sign-in sessions: an opaque id in an {@code HttpOnly}, {@code SameSite=Strict} cookie (Secure on
 * HTTPS) names a server-side {@link ConsoleSession}; every state-changing request must also carry the session's CSRF
 * token in {@code X-CSRF-Token} (a header a cross-site page cannot set). A session ends after
 * {@link #IDLE_TIMEOUT} without a request, {@link #MAX_AGE} after sign-in, or at sign-out. Time is the application's
 * {@link Clock}.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** The session cookie's name. */
    public static final String COOKIE = "warden_console";
    /** The header carrying the CSRF token on state-changing requests. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** A session unused this long has ended. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** A session this old has ended, however busy. */
    public static final Duration MAX_AGE = Duration.ofHours(12);

    /** 256 bits, base64url: 43 characters. */
    private static final int SECRET_BYTES = 32;
    private static final int MAX_ID_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSessionStore store;
    private Clock clock;

    @Inject
    public ConsoleSessions(ConsoleSessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ConsoleSessions() {
    }

    /** A session just opened: its id (for the cookie, never stored) and the session. */
    public record Started(String id, ConsoleSession session) {
    }

    /** Opens a session for {@code principal} (and forgets the sessions that have ended). */
    public Started start(WardenPrincipal principal) {
        Instant now = clock.instant();
        store.removeIf(session -> ended(session, now));
        String id = randomToken();
        ConsoleSession session = new ConsoleSession(principal, randomToken(), now, now);
        store.put(key(id), session);
        return new Started(id, session);
    }

    /** The live session named by {@code id}, now marked as used; empty when unknown or ended. */
    public Optional<ConsoleSession> use(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        String key = key(id);
        Optional<ConsoleSession> found = store.get(key);
        if (found.isEmpty()) {
            return found;
        }
        Instant now = clock.instant();
        if (ended(found.get(), now)) {
            store.remove(key);
            return Optional.empty();
        }
        ConsoleSession used = found.get().seenAt(now);
        store.put(key, used);
        return Optional.of(used);
    }

    /** Ends the session named by {@code id}, if any. */
    public void end(String id) {
        if (id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH) {
            store.remove(key(id));
        }
    }

    private static boolean ended(ConsoleSession session, Instant now) {
        return !now.isBefore(session.lastSeenAt().plus(IDLE_TIMEOUT))
                || !now.isBefore(session.createdAt().plus(MAX_AGE));
    }

    /** Whether {@code presented} is the session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(ConsoleSession session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code method} changes nothing (so needs no CSRF token): GET, HEAD, OPTIONS. */
    public static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    /** The session id the request's cookie carries, or {@code null}. */
    public static String sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * The {@code Set-Cookie} value carrying {@code id}: sent only to the API ({@code <context>/api}), never readable by
     * script, never sent on a cross-site request, Secure when the console is reached over HTTPS. No expiry: the
     * browser forgets it when it closes, the server after {@link #IDLE_TIMEOUT}.
     */
    public static String cookie(HttpServletRequest request, String id, boolean secure) {
        return COOKIE + "=" + id + "; Path=" + request.getContextPath() + "/api; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser forget the session cookie. */
    public static String clearedCookie(HttpServletRequest request, boolean secure) {
        return COOKIE + "=; Path=" + request.getContextPath() + "/api; Max-Age=0; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    private static String randomToken() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The store's key of a session id: its SHA-256. */
    private static String key(String id) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
