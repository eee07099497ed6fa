package dev.agentwarden.endpoint;

import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.config.Secrets;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.http.JsonBody;
import dev.agentwarden.http.JsonBodyFilter;
import dev.agentwarden.problem.AgentError;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.route.RequestTarget;
import dev.agentwarden.route.RequestTargets;
import dev.agentwarden.swaig.SwaigCall;
import dev.agentwarden.swaig.SwaigDispatcher;
import dev.agentwarden.swaig.SwaigEndpoint;
import dev.agentwarden.swml.PublicUrls;
import dev.agentwarden.swml.SwmlRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The agent routes, for every registered agent: the SWML document on GET/POST {@code {route}}, SWAIG calls on POST
 * {@code {route}/swaig}, the post-prompt summary on POST {@code {route}/post_prompt}; any other path is 404.
 * Basic auth has already run (the authentication mechanism, which resolved the {@link RequestTarget}); on
 * {@code /swaig} the call filters have resolved the call, charged the caller's limit and checked the function token.
 *
 * <p>The servlet request comes from CDI (its built-in request-scoped bean), injected once, rather than as a
 * {@code @Context} parameter that Jersey resolves through HK2 on every call of these, the busiest routes.
 */
@Path("")
@ApplicationScoped
public class AgentEndpoints {

    private static final byte[] SUCCESS = "{\"success\":true}".getBytes(StandardCharsets.US_ASCII);

    private RequestTargets targets;
    private SwmlRenderer renderer;
    private PublicUrls urls;
    private SwaigDispatcher dispatcher;
    private ClientInfo clients;
    private HttpServletRequest request;
    private Clock clock;

    @Inject
    public AgentEndpoints(RequestTargets targets, SwmlRenderer renderer, PublicUrls urls, SwaigDispatcher dispatcher,
            ClientInfo clients, HttpServletRequest request, Clock clock) {
        this.targets = targets;
        this.renderer = renderer;
        this.urls = urls;
        this.dispatcher = dispatcher;
        this.clients = clients;
        this.request = request;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    public AgentEndpoints() {
    }

    @GET
    @Path("{route: .*}")
    public Response swml(@QueryParam("call_id") String callId) {
        return document(callId);
    }

    @POST
    @Path("{route: .*}")
    @JsonBody
    public Response swmlByPost() {
        Map<String, Object> body = body();
        String callId = body.get("call_id") instanceof String s ? s : null;
        if (callId == null && body.get("call") instanceof Map<?, ?> call && call.get("call_id") instanceof String s) {
            callId = s;
        }
        return document(callId);
    }

    @POST
    @Path("{route: (?:.+/)?}swaig{slash: /?}")
    @JsonBody
    @SwaigEndpoint
    public Response swaig() {
        SwaigCall call = (SwaigCall) request.getAttribute(SwaigCall.PROPERTY);
        return dispatcher.dispatch(call, clients.clientAddress(request));
    }

    @POST
    @Path("{route: (?:.+/)?}post_prompt{slash: /?}")
    @JsonBody
    public Response postPrompt() {
        RequestTarget target = targets.of(request);
        if (target.agent() == null || target.endpoint() != RequestTarget.Endpoint.POST_PROMPT) {
            return notFound();
        }
        target.agent().agent().onSummary(body());
        return Response.ok(SUCCESS, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response document(String callId) {
        RequestTarget target = targets.of(request);
        RegisteredAgent agent = target.endpoint() == RequestTarget.Endpoint.SWML ? target.agent() : null;
        if (agent == null) {
            return target.part() == RequestTarget.Part.API
                    ? Problem.of(404, "not_found", "No such resource") : notFound();
        }
        String call = callId == null || callId.isEmpty() ? Secrets.base62(22) : callId;
        String agentUrl = urls.agentUrl(request, agent.definition().config());
        byte[] document = renderer.renderBytes(agent.definition(), agentUrl, call, clock.instant().getEpochSecond());
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
