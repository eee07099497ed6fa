package dev.agentwarden.health;

import dev.agentwarden.problem.AgentError;
import dev.agentwarden.agent.AgentRegistry;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/** Liveness and readiness, without authentication (as the SDK serves them). */
@Path("")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private static final byte[] HEALTHY = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READY = "{\"status\":\"ready\"}".getBytes(StandardCharsets.US_ASCII);

    private AgentRegistry agents;

    @Inject
    public HealthResource(AgentRegistry agents) {
        this.agents = agents;
    }

    /** For CDI proxies only. */
    public HealthResource() {
    }

    @GET
    @Path("health")
    public byte[] health() {
        return HEALTHY;
    }

    /** The SDK answers POST too; monitors that probe with POST keep working. */
    @POST
    @Path("health")
    public byte[] healthByPost() {
        return HEALTHY;
    }

    /** Ready once the agents are registered; 503 when there is none to serve. */
    @GET
    @Path("ready")
    public Response ready() {
        if (agents.all().isEmpty()) {
            return AgentError.of(Response.Status.SERVICE_UNAVAILABLE, "No agent is enabled");
        }
        return Response.ok(READY).build();
    }
}
