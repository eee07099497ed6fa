package dev.agentwarden.agentconfig;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /api/schema/agent-config.json} (public): the JSON Schema the config document is validated against. */
@Path("api/schema")
@ApplicationScoped
@PermitAll
public class SchemaResource {

    private static final byte[] SCHEMA = AgentConfigValidator.schemaBytes();

    @GET
    @Path("agent-config.json")
    @Produces("application/schema+json")
    public byte[] agentConfig() {
        return SCHEMA;
    }
}
