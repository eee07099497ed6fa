package dev.agentwarden.user;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.authz.Authorization;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.store.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /api/users}: create and list users, set their roles (permission {@code users:manage}). */
@Path("api/users")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermissions("users:manage")
public class UserResource {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{1,63}");

    private UserRepository users;
    private Authorization authorization;
    private SecurityLog securityLog;

    @Inject
    public UserResource(UserRepository users, Authorization authorization, SecurityLog securityLog) {
        this.users = users;
        this.authorization = authorization;
        this.securityLog = securityLog;
    }

    /** For CDI proxies only. */
    public UserResource() {
    }

    /** {@code {"username", "password", "roles"}}. */
    public record NewUser(String username, String password, List<String> roles) {
    }

    /** {@code {"roles"}}. */
    public record Roles(List<String> roles) {
    }

    /** A user as the API shows it: never the password or its hash. */
    public record UserView(String id, String username, List<String> roles, String kind, String createdAt) {
        static UserView of(UserRecord user) {
            return new UserView(user.id(), user.username(), user.roles(), user.kind(),
                    Instant.ofEpochMilli(user.createdAt()).toString());
        }
    }

    @POST
    public Response create(NewUser request, @Context SecurityContext caller) {
        if (request == null || request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw ApiException.validation("username must be 2-64 characters: letters, digits, _ . @ -");
        }
        if (request.password() == null || request.password().length() < 12 || request.password().length() > 1024) {
            throw ApiException.validation("password must have 12 to 1024 characters");
        }
        List<String> roles = checkRoles(request.roles() == null ? List.of("viewer") : request.roles());
        UserRecord user = users.create(request.username(), Passwords.hash(request.password()), roles, "user")
                .orElseThrow(() -> new ApiException(409, "conflict", "A user with that name exists"));
        securityLog.record("user.created", null, null, Map.of("username", user.username(), "roles", roles,
                "by", caller.getUserPrincipal().getName()));
        return Response.status(201).entity(UserView.of(user)).build();
    }

    @GET
    public List<UserView> list() {
        return users.all().stream().map(UserView::of).toList();
    }

    @PUT
    @Path("{name}/roles")
    public UserView setRoles(@PathParam("name") String name, Roles request, @Context SecurityContext caller) {
        List<String> roles = checkRoles(request == null ? null : request.roles());
        UserRecord user = users.setRoles(name, roles).orElseThrow(() -> ApiException.notFound("No such user"));
        securityLog.record("role.changed", null, null, Map.of("username", name, "roles", roles,
                "by", caller.getUserPrincipal().getName()));
        return UserView.of(user);
    }

    private List<String> checkRoles(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw ApiException.validation("roles must name at least one role");
        }
        for (String role : roles) {
            if (!authorization.roleNames().contains(role)) {
                throw ApiException.validation("unknown role; known roles are " + authorization.roleNames());
            }
        }
        return List.copyOf(roles);
    }
}
