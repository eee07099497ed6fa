package dev.agentwarden.audit;

import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.store.AuditStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * {@code GET /api/audit?filter=mfa&since=30d&limit=100}: the platform's own events, those of no agent (sign-ins at
 * the token endpoint, users and roles, MFA enrolments, resets and refused codes), newest first, for whoever holds
 * {@code audit:read} (the admin role). An addition to API.md: the agents' own events stay under
 * {@code /api/agents/{agent}/audit}.
 */
@Path("api/audit")
@ApplicationScoped
@RequiresPermissions("audit:read")
public class PlatformAuditResource {

    private AuditStore store;
    private Clock clock;

    @Inject
    public PlatformAuditResource(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    public PlatformAuditResource() {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("filter") String filter, @QueryParam("since") String since,
            @QueryParam("limit") String limit) {
        return AuditResource.list(store, clock, null, filter, since, limit);
    }
}
