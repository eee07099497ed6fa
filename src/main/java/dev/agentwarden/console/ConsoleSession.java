package dev.agentwarden.console;

import dev.agentwarden.authz.WardenPrincipal;
import java.io.Serializable;
import java.time.Instant;

/**
 * One signed-in console session as the {@link ConsoleSessionStore} keeps it: who, the CSRF token the console sends back
 * on every state-changing request, and when it began and was last used. The session id itself is not in it: the store
 * is keyed by its hash ({@link ConsoleSessions}), so a copy of the store opens no session.
 *
 * @param principal  the person signed in, as checked at sign-in (roles, and when a second factor was proven)
 * @param csrfToken  the token {@code X-CSRF-Token} must carry
 * @param createdAt  the sign-in
 * @param lastSeenAt the last request that used the session (to a minute)
 */
public record ConsoleSession(WardenPrincipal principal, String csrfToken, Instant createdAt, Instant lastSeenAt)
        implements Serializable {

    /** The same session, used at {@code at}. */
    public ConsoleSession seenAt(Instant at) {
        return new ConsoleSession(principal, csrfToken, createdAt, at);
    }
}
