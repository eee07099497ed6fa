package dev.agentwarden.agentconfig;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.authz.RequiresMfa;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.ipfilter.IpWhitelist;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code /api/agents/{agent}/security/whitelist}: the seed's {@code swiftclaw security whitelist add|remove|list}, as
 * changes of the agent's config document ({@code security.ipWhitelist.addresses}): versioned, compare-and-set, audited
 * as {@code config.updated} with the changed paths like a PUT. Adding an entry never switches the whitelist on; the
 * document's {@code enabled} does. Adding an entry already present answers 201 with the list unchanged (no new
 * version, no audit event): the add is idempotent.
 */
@Path("api/agents/{agent}/security/whitelist")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermissions("agents:manage:{agent}")
public class WhitelistResource {

    private AgentRegistry agents;
    private AgentControls controls;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private HttpServletRequest request;

    @Inject
    public WhitelistResource(AgentRegistry agents, AgentControls controls, SecurityLog securityLog,
            ClientInfo clients, HttpServletRequest request) {
        this.agents = agents;
        this.controls = controls;
        this.securityLog = securityLog;
        this.clients = clients;
        this.request = request;
    }

    /** For CDI proxies only. */
    public WhitelistResource() {
    }

    /** {@code {"ip": "203.0.113.50"}} or a CIDR block. */
    public record NewEntry(String ip) {
    }

    @GET
    public Response list(@PathParam("agent") String agent) {
        known(agent);
        return view(controls.state(agent), 200);
    }

    @POST
    @RequiresMfa("whitelist")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("agent") String agent, NewEntry entry, @Context SecurityContext caller) {
        known(agent);
        String ip = entry == null ? null : entry.ip();
        String canonical = canonical(ip);
        return view(change(agent, whitelist -> whitelist.add(canonical), caller), 201);
    }

    @DELETE
    @RequiresMfa("whitelist")
    public Response remove(@PathParam("agent") String agent, @QueryParam("ip") String ip,
            @Context SecurityContext caller) {
        known(agent);
        String canonical = canonical(ip);
        change(agent, whitelist -> {
            if (!whitelist.hasEntry(canonical)) {
                throw ApiException.notFound("'" + canonical + "' is not on the whitelist");
            }
            return whitelist.remove(canonical);
        }, caller);
        return Response.noContent().build();
    }

    /**
     * Applies {@code edit} to the agent's whitelist and stores the document if it changed, compare-and-set on the
     * version; a change that came in between is re-read and the edit applied again, once. The state after.
     */
    private AgentState change(String agent, UnaryOperator<IpWhitelist> edit, SecurityContext caller) {
        for (int attempt = 0; attempt < 2; attempt++) {
            AgentState current = controls.state(agent);
            IpWhitelist edited = edit.apply(current.whitelist());
            if (edited.equals(current.whitelist())) {
                return current;
            }
            AgentConfigDocument before = current.document();
            AgentConfigDocument after = with(before, edited);
            Optional<AgentState> saved = controls.update(agent, after, current.version());
            if (saved.isPresent()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("paths", AgentConfigDocument.changedPaths(before, after));
                fields.put("version", saved.get().version());
                fields.put("by", caller.getUserPrincipal().getName());
                securityLog.record("config.updated", agent, clients.clientAddress(request), fields);
                return saved.get();
            }
        }
        throw new ApiException(409, "conflict", "The agent's config changed meanwhile; try again");
    }

    private static AgentConfigDocument with(AgentConfigDocument document, IpWhitelist whitelist) {
        AgentConfigDocument.Security s = document.security();
        AgentConfigDocument.IpWhitelistPolicy policy = new AgentConfigDocument.IpWhitelistPolicy(
                s.ipWhitelist().enabled(), whitelist.entries());
        return new AgentConfigDocument(document.auth(), new AgentConfigDocument.Security(policy, s.rateLimit(), s.mfa(),
                s.rotation(), s.mtls(), s.enforceHttps(), s.hsts(), s.webhooks()));
    }

    private static String canonical(String ip) {
        try {
            return IpWhitelist.normalise(ip);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("ip: " + e.getMessage());
        }
    }

    private void known(String agent) {
        if (agents.byName(agent) == null) {
            throw ApiException.notFound("No such agent");
        }
    }

    private static Response view(AgentState state, int status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", state.document().security().ipWhitelist().enabled());
        view.put("addresses", state.whitelist().entries());
        view.put("version", state.version());
        return Response.status(status).entity(Json.writeBytes(view)).tag(String.valueOf(state.version())).build();
    }
}
