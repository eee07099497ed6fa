package dev.agentwarden.web;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.config.Secrets;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.swaig.SwaigDispatcher;
import dev.agentwarden.swaig.SwaigRequest;
import dev.agentwarden.swml.PublicUrls;
import dev.agentwarden.swml.SwmlRenderer;
import dev.agentwarden.token.FunctionTokenFilter;
import dev.agentwarden.token.SwaigCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The agent routes, for every registered agent: the SWML document on GET/POST {@code {route}}, SWAIG calls on POST
 * {@code {route}/swaig}, the post-prompt summary on POST {@code {route}/post_prompt}; any other path is 404.
 * Basic auth has already run (the authentication mechanism); the function token filter guards {@code /swaig}.
 *
 * <p>The servlet request comes from CDI (its built-in request-scoped bean), injected once, rather than as a
 * {@code @Context} parameter that Jersey resolves through HK2 on every call of these, the busiest routes.
 */
@Path("")
@ApplicationScoped
public class AgentEndpoints {

    private static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.US_ASCII);

    private AgentRegistry agents;
    private SwmlRenderer renderer;
    private PublicUrls urls;
    private SwaigDispatcher dispatcher;
    private ClientInfo clients;
    private HttpServletRequest request;

    @Inject
    public AgentEndpoints(AgentRegistry agents, SwmlRenderer renderer, PublicUrls urls, SwaigDispatcher dispatcher,
            ClientInfo clients, HttpServletRequest request) {
        this.agents = agents;
        this.renderer = renderer;
        this.urls = urls;
        this.dispatcher = dispatcher;
        this.clients = clients;
        this.request = request;
    }

    /** For CDI proxies only. */
    public AgentEndpoints() {
    }

    @GET
    @Path("{route: .*}")
    public Response swml(@PathParam("route") String route, @QueryParam("call_id") String callId) {
        return document(route, callId);
    }

    @POST
    @Path("{route: .*}")
    @JsonBody
    public Response swmlByPost(@PathParam("route") String route) {
        Map<String, Object> body = body();
        String callId = body.get("call_id") instanceof String s ? s : null;
        if (callId == null && body.get("call") instanceof Map<?, ?> call && call.get("call_id") instanceof String s) {
            callId = s;
        }
        return document(route, callId);
    }

    @POST
    @Path("{route: (?:.+/)?}swaig{slash: /?}")
    @JsonBody
    @SwaigCall
    public Response swaig(@PathParam("route") String route) {
        RegisteredAgent agent = agents.byRoute(FunctionTokenFilter.routeKey(route));
        if (agent == null) {
            return notFound();
        }
        return dispatcher.dispatch(agent, new SwaigRequest(body()), clients.clientAddress(request));
    }

    @POST
    @Path("{route: (?:.+/)?}post_prompt{slash: /?}")
    @JsonBody
    public Response postPrompt(@PathParam("route") String route) {
        RegisteredAgent agent = agents.byRoute(FunctionTokenFilter.routeKey(route));
        if (agent == null) {
            return notFound();
        }
        agent.agent().onSummary(body());
        return Response.ok(SUCCESS, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response document(String route, String callId) {
        RegisteredAgent agent = agents.byRoute(route);
        if (agent == null) {
            return route.equals("api") || route.startsWith("api/")
                    ? Problem.of(404, "not_found", "No such resource") : notFound();
        }
        String call = callId == null || callId.isEmpty() ? Secrets.base62(22) : callId;
        String agentUrl = urls.agentUrl(request, agent.definition().config());
        byte[] document = renderer.renderBytes(agent.definition(), agentUrl, call, System.currentTimeMillis() / 1000);
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body() {
        Object body = request.getAttribute(JsonBodyFilter.BODY);
        return body instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Response notFound() {
        return AgentError.of(Response.Status.NOT_FOUND, "Path not found");
    }
}
