package dev.agentwarden.authz;

import jakarta.security.enterprise.CallerPrincipal;
import java.time.Instant;
import java.util.Set;

/**
 * Who is calling {@code /api}, however they proved it: a user, a service account, an API key or a JWT subject. Carries
 * what authorization needs (roles, extra permissions) so that no request has to ask the store again.
 */
public final class WardenPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    /** How the caller authenticated. */
    public enum Kind { USER, SERVICE, API_KEY, JWT }

    private final Kind kind;
    private final Set<String> roles;
    private final Set<String> permissions;
    private final boolean mfa;
    private final Instant mfaAt;

    public WardenPrincipal(String name, Kind kind, Set<String> roles, Set<String> permissions, boolean mfa) {
        this(name, kind, roles, permissions, mfa, null);
    }

    /**
     * @param mfa   whether this authentication included a second factor
     * @param mfaAt when that factor was proven (a token's {@code auth_time}, or now for a code checked with this
     *              request), or {@code null} when unknown
     */
    public WardenPrincipal(String name, Kind kind, Set<String> roles, Set<String> permissions, boolean mfa,
            Instant mfaAt) {
        super(name);
        this.kind = kind;
        this.roles = Set.copyOf(roles);
        this.permissions = Set.copyOf(permissions);
        this.mfa = mfa;
        this.mfaAt = mfa ? mfaAt : null;
    }

    public Kind kind() {
        return kind;
    }

    /** Role names, resolved to permissions by the Shiro realm. */
    public Set<String> roles() {
        return roles;
    }

    /** Permissions granted directly (an API key's {@code agents:use_agent:<agent>}). */
    public Set<String> permissions() {
        return permissions;
    }

    /** Whether this authentication included a second factor. */
    public boolean mfa() {
        return mfa;
    }

    /** When the second factor was proven, or {@code null}. */
    public Instant mfaAt() {
        return mfaAt;
    }

    /** The request attribute under which the mechanism leaves the principal for the authorization filter. */
    public static final String ATTRIBUTE = "dev.agentwarden.principal";
}
