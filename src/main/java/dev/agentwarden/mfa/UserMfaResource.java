package dev.agentwarden.mfa;

import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code DELETE /api/users/{name}/mfa}: an administrator's reset of a user who lost the authenticator and the recovery
 * codes (audited as {@code mfa.reset}); the user enrols again.
 */
@Path("api/users/{name}/mfa")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermissions("users:manage")
public class UserMfaResource {

    private Mfa mfa;
    private ClientInfo clients;
    private HttpServletRequest request;

    @Inject
    public UserMfaResource(Mfa mfa, ClientInfo clients, HttpServletRequest request) {
        this.mfa = mfa;
        this.clients = clients;
        this.request = request;
    }

    /** For CDI proxies only. */
    public UserMfaResource() {
    }

    @DELETE
    public Response reset(@PathParam("name") String name, @Context SecurityContext caller) {
        if (!mfa.disable(name, caller.getUserPrincipal().getName(), clients.clientAddress(request))) {
            throw ApiException.notFound("No such user with MFA on");
        }
        return Response.noContent().build();
    }
}
