package dev.agentwarden.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shiro permissions from roles and from the principal, and the expansion of path placeholders. */
class AuthorizationFilterTest {

    private static final RolePermissions ROLES = new RolePermissions(Map.of(
            "admin", List.of("*"),
            "developer", List.of("agents:read,write,use_agent:*"),
            "viewer", List.of("agents:read:*")));

    private static boolean permitted(Set<String> roles, Set<String> permissions, String wanted) {
        Authorization authorization = Authorization.withRoles(ROLES);
        return authorization.isPermitted(new WardenPrincipal("p", WardenPrincipal.Kind.USER, roles, permissions, false),
                wanted);
    }

    @Test
    void anAdminMayDoAnything() {
        assertTrue(permitted(Set.of("admin"), Set.of(), "agents:delete:secure-agent"));
    }

    @Test
    void aDeveloperMayWriteButNotManage() {
        assertTrue(permitted(Set.of("developer"), Set.of(), "agents:write:secure-agent"));
        assertFalse(permitted(Set.of("developer"), Set.of(), "agents:manage:secure-agent"));
    }

    @Test
    void aViewerMayOnlyRead() {
        assertTrue(permitted(Set.of("viewer"), Set.of(), "agents:read:any"));
        assertFalse(permitted(Set.of("viewer"), Set.of(), "agents:use_agent:any"));
    }

    @Test
    void anApiKeyPermissionCoversItsAgentOnly() {
        Set<String> key = Set.of("agents:use_agent:secure-agent");
        assertTrue(permitted(Set.of(), key, "agents:use_agent:secure-agent"));
        assertFalse(permitted(Set.of(), key, "agents:use_agent:other"));
        assertFalse(permitted(Set.of(), key, "agents:manage:secure-agent"));
    }

    @Test
    void anUnknownRoleGrantsNothing() {
        assertFalse(permitted(Set.of("root"), Set.of(), "agents:read:secure-agent"));
    }

    @Test
    void pathValuesCannotWidenAPermission() {
        var params = new jakarta.ws.rs.core.MultivaluedHashMap<String, String>();
        params.putSingle("agent", "*");
        assertEquals("agents:read:_", AuthorizationFilter.expand("agents:read:{agent}", params));
        params.putSingle("agent", "a:b,c");
        assertEquals("agents:read:a_b_c", AuthorizationFilter.expand("agents:read:{agent}", params));
    }
}
