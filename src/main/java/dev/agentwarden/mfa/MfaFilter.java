package dev.agentwarden.mfa;

import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.agentconfig.AgentConfigDocument.MfaOperation;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.http.ClientInfo;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * One {@link dev.agentwarden.authz.RequiresMfa} method's check: when the addressed agent's config requires MFA for
 * the operation (or the resource names no agent), the caller must prove a second factor ({@link MfaProof}). It runs
 * just before authorization, so that a principal that cannot do MFA (an API key, a service account) hears
 * {@code 403 mfa_required} as API.md says, whatever it may otherwise do; a person's code is checked before their
 * permissions, so a person without the permission learns nothing more than that the operation needs MFA.
 */
@Priority(MfaFilter.PRIORITY)
public final class MfaFilter implements ContainerRequestFilter {

    /** Just before {@code AuthorizationFilter} ({@link Priorities#AUTHORIZATION}). */
    public static final int PRIORITY = Priorities.AUTHORIZATION - 50;

    private final MfaOperation operation;
    private final AgentControls controls;
    private final MfaProof proof;
    private final ClientInfo clients;
    /** The container's request-scoped proxy of the current request. */
    private final HttpServletRequest servletRequest;

    MfaFilter(MfaOperation operation, AgentControls controls, MfaProof proof, ClientInfo clients,
            HttpServletRequest servletRequest) {
        this.operation = operation;
        this.controls = controls;
        this.proof = proof;
        this.clients = clients;
        this.servletRequest = servletRequest;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String agent = request.getUriInfo().getPathParameters().getFirst("agent");
        if (agent != null && !controls.state(agent).document().security().mfa().requires(operation)) {
            return;
        }
        WardenPrincipal principal = request.getSecurityContext().getUserPrincipal() instanceof WardenPrincipal p ? p
                : null;
        proof.check(principal, request.getHeaderString(MfaProof.HEADER), clients.clientAddress(servletRequest))
                .ifPresent(request::abortWith);
    }
}
