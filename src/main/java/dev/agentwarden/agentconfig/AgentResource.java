package dev.agentwarden.agentconfig;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.agent.Tool;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.authz.RequiresMfa;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.authz.RequiresRoles;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/agents/{agent}}: agents as managed resources (API.md §2). Read them with their config document, change the
 * document ({@code If-Match} honoured, validated against its JSON Schema, nothing partial stored), delete (disable)
 * and re-enable them. Every change is audited with the JSON pointers it touched, never a value.
 */
@Path("api/agents/{agent}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private AgentRegistry agents;
    private AgentControls controls;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private HttpServletRequest request;
    private final AgentConfigValidator validator = new AgentConfigValidator();

    @Inject
    public AgentResource(AgentRegistry agents, AgentControls controls, SecurityLog securityLog, ClientInfo clients,
            HttpServletRequest request) {
        this.agents = agents;
        this.controls = controls;
        this.securityLog = securityLog;
        this.clients = clients;
        this.request = request;
    }

    /** For CDI proxies only. */
    public AgentResource() {
    }

    @GET
    @RequiresPermissions("agents:read:{agent}")
    public Response get(@PathParam("agent") String name) {
        RegisteredAgent agent = known(name);
        AgentState state = controls.state(name);
        return Response.ok(Json.writeBytes(view(agent, state))).tag(state.etag().replace("\"", "")).build();
    }

    /** Takes the config document, or the whole {@link #get} answer (its read-only fields ignored). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermissions("agents:write:{agent}")
    @RequiresMfa("update")
    public Response put(@PathParam("agent") String name, byte[] body, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext caller) {
        RegisteredAgent agent = known(name);
        AgentState current = controls.state(name);
        if (ifMatch != null && !ifMatch.trim().equals(current.etag()) && !ifMatch.trim().equals("*")) {
            return Problem.of(412, "precondition_failed", "The agent's config changed since it was read");
        }
        AgentConfigValidator.Result result = validate(body);
        if (!result.valid()) {
            return Problem.of(400, "validation_failed", "The config document is not valid",
                    Map.of("errors", result.errors().stream().map(AgentConfigValidator.FieldError::toMap).toList()));
        }
        if (result.document().auth().clientSecret() != null) {
            return Problem.of(400, "validation_failed", "The config document is not valid", Map.of("errors",
                    List.of(Map.of("pointer", AgentConfigDocument.CLIENT_SECRET_POINTER,
                            "detail", "client secrets are not stored yet (OAuth 2.0 / OIDC is being built)"))));
        }
        Optional<AgentState> saved = controls.update(name, result.document(), current.version());
        if (saved.isEmpty()) {
            return Problem.of(412, "precondition_failed", "The agent's config changed since it was read");
        }
        audit("config.updated", name, caller, Map.of("paths",
                AgentConfigDocument.changedPaths(current.document(), result.document()),
                "version", saved.get().version()));
        return Response.ok(Json.writeBytes(view(agent, saved.get()))).tag(saved.get().etag().replace("\"", ""))
                .build();
    }

    /** Disables the agent and deletes its keys, sessions and messages; its audit events stay. */
    @DELETE
    @RequiresRoles("admin")
    @RequiresMfa("delete")
    public Response delete(@PathParam("agent") String name, @Context SecurityContext caller) {
        known(name);
        AgentState current = controls.state(name);
        if (!current.enabled()) {
            throw ApiException.notFound("No such agent");
        }
        if (controls.delete(name, current.version()).isEmpty()) {
            return Problem.of(409, "conflict", "The agent changed while it was being deleted; try again");
        }
        audit("agent.deleted", name, caller, Map.of());
        return Response.noContent().build();
    }

    @POST
    @Path("enable")
    @RequiresRoles("admin")
    public Response enable(@PathParam("agent") String name, @Context SecurityContext caller) {
        RegisteredAgent agent = known(name);
        AgentState current = controls.state(name);
        AgentState state = current.enabled() ? current : controls.enable(name, current.version())
                .orElseThrow(() -> new ApiException(409, "conflict", "The agent changed meanwhile; try again"));
        if (!current.enabled()) {
            audit("agent.enabled", name, caller, Map.of());
        }
        return Response.ok(Json.writeBytes(view(agent, state))).tag(state.etag().replace("\"", "")).build();
    }

    private AgentConfigValidator.Result validate(byte[] body) {
        Object parsed;
        try {
            parsed = Json.parse(body == null ? new byte[0] : body);
        } catch (Json.MalformedJsonException e) {
            throw ApiException.validation("The body is not valid JSON");
        }
        if (parsed instanceof Map<?, ?> whole && whole.containsKey("config")) {
            parsed = whole.get("config");
        }
        return validator.validate(parsed);
    }

    private RegisteredAgent known(String name) {
        RegisteredAgent agent = agents.byName(name);
        if (agent == null) {
            throw ApiException.notFound("No such agent");
        }
        return agent;
    }

    private void audit(String type, String agent, SecurityContext caller, Map<String, Object> fields) {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        all.put("by", caller.getUserPrincipal().getName());
        securityLog.record(type, agent, clients.clientAddress(request), all);
    }

    static Map<String, Object> summary(RegisteredAgent agent, AgentState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", agent.name());
        view.put("route", agent.definition().config().route());
        view.put("enabled", state.enabled());
        view.put("functions", functions(agent));
        AgentConfigDocument.Security security = state.document().security();
        Map<String, Object> controlsOn = new LinkedHashMap<>();
        controlsOn.put("ip_whitelist", security.ipWhitelist().enabled());
        controlsOn.put("rate_limit", security.rateLimit().enabled());
        controlsOn.put("mfa", security.mfa().enabled());
        controlsOn.put("rotation", security.rotation().interval() != null);
        controlsOn.put("mtls", security.mtls().enabled());
        controlsOn.put("enforce_https", security.enforceHttps());
        view.put("controls", controlsOn);
        return view;
    }

    private static Map<String, Object> view(RegisteredAgent agent, AgentState state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", agent.name());
        view.put("route", agent.definition().config().route());
        view.put("enabled", state.enabled());
        view.put("functions", functions(agent));
        view.put("config", state.document().toMap());
        view.put("version", state.version());
        view.put("updated_at", state.updatedAt() == null ? null : Instant.ofEpochMilli(state.updatedAt()).toString());
        return view;
    }

    private static List<Map<String, Object>> functions(RegisteredAgent agent) {
        return agent.definition().tools().values().stream().map(AgentResource::function).toList();
    }

    private static Map<String, Object> function(Tool tool) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", tool.name());
        view.put("description", tool.description());
        view.put("secure", tool.secure());
        return view;
    }
}
