package dev.agentwarden.token;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.agent.Tool;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.web.AgentError;
import dev.agentwarden.web.ClientInfo;
import dev.agentwarden.web.JsonBodyFilter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the per-function token of every call to a {@code secure} function, before its handler can run. The token
 * comes from {@code ?__token=} (or the legacy {@code ?token=}) and must be bound to the function and the call's
 * {@code call_id}, unexpired and signed with our key. Anything else answers 403 — including a missing token, which the
 * Python SDK lets through.
 */
@Provider
@ApplicationScoped
@SwaigCall
@Priority(Priorities.AUTHORIZATION)
public class FunctionTokenFilter implements ContainerRequestFilter {

    private AgentRegistry agents;
    private FunctionTokens tokens;
    private SecurityLog securityLog;
    private ClientInfo clients;

    @Context
    private HttpServletRequest servletRequest;

    @Inject
    public FunctionTokenFilter(AgentRegistry agents, FunctionTokens tokens, SecurityLog securityLog,
            ClientInfo clients) {
        this.agents = agents;
        this.tokens = tokens;
        this.securityLog = securityLog;
        this.clients = clients;
    }

    /** For CDI proxies and RESTEasy's constructor check only (the instance comes from CDI). */
    public FunctionTokenFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getProperty(JsonBodyFilter.BODY) instanceof Map<?, ?> body)) {
            return;
        }
        RegisteredAgent agent = agents.byRoute(routeKey(request.getUriInfo().getPathParameters().getFirst("route")));
        Object function = body.get("function");
        Tool tool = agent == null || !(function instanceof String name) ? null : agent.definition().tool(name);
        if (tool == null || !tool.secure()) {
            return;
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        String token = query.containsKey("__token") ? query.getFirst("__token") : query.getFirst("token");
        String callId = body.get("call_id") instanceof String s ? s : null;
        FunctionTokens.Verdict verdict = tokens.verify(token, tool.name(), callId, System.currentTimeMillis() / 1000);
        if (verdict != FunctionTokens.Verdict.VALID) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("reason", verdict.name().toLowerCase());
            fields.put("function", tool.name());
            if (callId != null) {
                fields.put("call_id", callId);
            }
            securityLog.record("token.invalid", agent.name(), clients.clientAddress(servletRequest), fields);
            request.abortWith(AgentError.of(Response.Status.FORBIDDEN, "Invalid or missing function token"));
        }
    }

    /** The {@code route} path parameter as the registry keys it: no trailing slash. */
    public static String routeKey(String route) {
        if (route == null) {
            return "";
        }
        return route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }
}
