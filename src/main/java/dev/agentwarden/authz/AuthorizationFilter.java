package dev.agentwarden.authz;

import dev.agentwarden.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.security.Principal;
import java.util.List;

/**
 * Checks one resource method's {@link RequiresPermissions} / {@link RequiresRoles} / {@link RequiresAuthentication}
 * against the caller, through Shiro. Built once per method by {@link AuthorizationFeature}; {@code {param}}
 * placeholders are filled from the request's path parameters.
 */
public final class AuthorizationFilter implements ContainerRequestFilter {

    private final Authorization authorization;
    private final List<String> permissions;
    private final List<String> roles;

    AuthorizationFilter(Authorization authorization, List<String> permissions, List<String> roles) {
        this.authorization = authorization;
        this.permissions = permissions;
        this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (!(caller instanceof WardenPrincipal principal)) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(
                    Problem.of(401, "invalid_credentials", "Authentication is required"))
                    .header("WWW-Authenticate", "Bearer realm=\"agent-warden\"").build());
            return;
        }
        MultivaluedMap<String, String> params = request.getUriInfo().getPathParameters();
        for (String role : roles) {
            if (!authorization.hasRole(principal, role)) {
                request.abortWith(forbidden());
                return;
            }
        }
        for (String permission : permissions) {
            if (!authorization.isPermitted(principal, expand(permission, params))) {
                request.abortWith(forbidden());
                return;
            }
        }
    }

    static String expand(String permission, MultivaluedMap<String, String> params) {
        String result = permission;
        int open;
        while ((open = result.indexOf('{')) >= 0) {
            int close = result.indexOf('}', open);
            String value = params.getFirst(result.substring(open + 1, close));
            // Path values cannot widen a permission: wildcard and separator characters are taken out.
            String safe = value == null ? "" : value.replaceAll("[*:,]", "_");
            result = result.substring(0, open) + safe + result.substring(close + 1);
        }
        return result;
    }

    private static jakarta.ws.rs.core.Response forbidden() {
        return Problem.of(403, "forbidden", "You do not have permission for this operation");
    }
}
