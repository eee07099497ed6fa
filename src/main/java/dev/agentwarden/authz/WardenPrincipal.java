package dev.agentwarden.authz;

import jakarta.security.enterprise.CallerPrincipal;
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

    public WardenPrincipal(String name, Kind kind, Set<String> roles, Set<String> permissions, boolean mfa) {
        super(name);
        this.kind = kind;
        this.roles = Set.copyOf(roles);
        this.permissions = Set.copyOf(permissions);
        this.mfa = mfa;
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

    /** The request attribute under which the mechanism leaves the principal for the authorization filter. */
    public static final String ATTRIBUTE = "dev.agentwarden.principal";
}
