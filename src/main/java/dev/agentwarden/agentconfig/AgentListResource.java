package dev.agentwarden.agentconfig;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.authz.Authorization;
import dev.agentwarden.authz.RequiresAuthentication;
import dev.agentwarden.authz.WardenPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/agents}: the agents the caller may read, with a summary of the controls that are on. A class of its
 * own: JAX-RS picks one root resource per request by its path, and {@code api/agents/{agent}} is shared by several.
 */
@Path("api/agents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AgentListResource {

    private AgentRegistry agents;
    private AgentControls controls;
    private Authorization authorization;

    @Inject
    public AgentListResource(AgentRegistry agents, AgentControls controls, Authorization authorization) {
        this.agents = agents;
        this.controls = controls;
        this.authorization = authorization;
    }

    /** For CDI proxies only. */
    public AgentListResource() {
    }

    @GET
    @RequiresAuthentication
    public List<Map<String, Object>> list(@Context SecurityContext caller) {
        WardenPrincipal principal = (WardenPrincipal) caller.getUserPrincipal();
        return agents.all().stream()
                .filter(a -> authorization.isPermitted(principal, "agents:read:" + a.name()))
                .map(a -> AgentResource.summary(a, controls.state(a.name()))).toList();
    }
}
