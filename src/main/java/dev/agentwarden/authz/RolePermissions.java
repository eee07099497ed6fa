package dev.agentwarden.authz;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Roles and the Shiro wildcard permissions they grant, from configuration: {@code warden.roles} lists the role names,
 * {@code warden.roles.<name>} their permissions (environment: {@code WARDEN_ROLES_<NAME>}). Defaults are API.md's.
 */
public final class RolePermissions {

    private static final Map<String, String> DEFAULTS = Map.of(
            "admin", "*",
            "developer", "agents:read,write,use_agent:*",
            "viewer", "agents:read:*");

    private final Map<String, List<String>> byRole;

    public RolePermissions(Map<String, List<String>> byRole) {
        this.byRole = Map.copyOf(byRole);
    }

    /** Reads the roles from MicroProfile Config. */
    public static RolePermissions from(Config config) {
        String names = config.getOptionalValue("warden.roles", String.class).orElse("admin,developer,viewer");
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            String role = name.trim();
            if (role.isEmpty()) {
                continue;
            }
            String permissions = config.getOptionalValue("warden.roles." + role, String.class)
                    .orElse(DEFAULTS.get(role));
            if (permissions == null) {
                throw new IllegalStateException("Role '" + role + "' has no permissions: set warden.roles." + role);
            }
            roles.put(role, Arrays.stream(permissions.split(";")).map(String::trim).filter(p -> !p.isEmpty()).toList());
        }
        return new RolePermissions(roles);
    }

    /** The permissions of {@code role}, empty for an unknown role. */
    public List<String> of(String role) {
        return byRole.getOrDefault(role, List.of());
    }

    public Set<String> roles() {
        return byRole.keySet();
    }
}
