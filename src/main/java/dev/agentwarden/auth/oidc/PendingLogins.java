package dev.agentwarden.auth.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logins begun at {@code /api/auth/oauth2/authorize} and not finished yet, by {@code state}: the nonce, the PKCE code
 * verifier (kept here, never sent to the browser) and where to go afterwards. Each is taken once, within
 * {@link #LIFETIME}. One node's memory; the cluster issue shares it.
 */
@ApplicationScoped
public class PendingLogins {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Logins kept at once: a flood of authorize requests cannot grow the map without bound. */
    static final int MAX = 10_000;

    /** One pending login. */
    public record Pending(String nonce, String codeVerifier, String returnTo, long createdAt) {
    }

    private final Map<String, Pending> byState = new ConcurrentHashMap<>();
    private Clock clock;

    @Inject
    public PendingLogins(Clock clock) {
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected PendingLogins() {
    }

    /** Keeps a login under {@code state}; false when too many are pending (after dropping the expired ones). */
    public boolean put(String state, String nonce, String codeVerifier, String returnTo) {
        long now = clock.millis();
        if (byState.size() >= MAX) {
            byState.values().removeIf(p -> now - p.createdAt() >= LIFETIME.toMillis());
            if (byState.size() >= MAX) {
                return false;
            }
        }
        byState.put(state, new Pending(nonce, codeVerifier, returnTo, now));
        return true;
    }

    /** Takes the login of {@code state} (once); empty when unknown, taken before, or older than the lifetime. */
    public Optional<Pending> take(String state) {
        if (state == null) {
            return Optional.empty();
        }
        Pending pending = byState.remove(state);
        if (pending == null || clock.millis() - pending.createdAt() >= LIFETIME.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(pending);
    }
}
