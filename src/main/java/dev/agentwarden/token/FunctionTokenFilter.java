package dev.agentwarden.token;

import dev.agentwarden.agent.Tool;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.problem.AgentError;
import dev.agentwarden.swaig.SwaigCall;
import dev.agentwarden.swaig.SwaigEndpoint;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks the per-function token of every call to a {@code secure} function, before its handler can run. The token
 * comes from {@code ?__token=} (or the legacy {@code ?token=}) and must be bound to the function and the call's
 * {@code call_id}, unexpired and signed with our key. Anything else answers 403 — including a missing token, which the
 * Python SDK lets through. The call comes resolved from the {@code SwaigCallFilter}.
 */
@Provider
@ApplicationScoped
@SwaigEndpoint
@Priority(Priorities.AUTHORIZATION)
public class FunctionTokenFilter implements ContainerRequestFilter {

    private FunctionTokens tokens;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private HttpServletRequest servletRequest;
    private Clock clock;

    @Inject
    public FunctionTokenFilter(FunctionTokens tokens, SecurityLog securityLog, ClientInfo clients,
            HttpServletRequest servletRequest, Clock clock) {
        this.tokens = tokens;
        this.securityLog = securityLog;
        this.clients = clients;
        this.servletRequest = servletRequest;
        this.clock = clock;
    }

    /** For CDI proxies and the JAX-RS runtime's constructor check only (the instance comes from CDI). */
    public FunctionTokenFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getProperty(SwaigCall.PROPERTY) instanceof SwaigCall call)) {
            return;
        }
        Tool tool = call.tool();
        if (tool == null || !tool.secure()) {
            return;
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        String token = query.containsKey("__token") ? query.getFirst("__token") : query.getFirst("token");
        String callId = call.request().callId();
        FunctionTokens.Verdict verdict = tokens.verify(token, tool.name(), callId, clock.instant().getEpochSecond());
        if (verdict != FunctionTokens.Verdict.VALID) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("reason", verdict.name().toLowerCase());
            fields.put("function", tool.name());
            if (callId != null) {
                fields.put("call_id", callId);
            }
            securityLog.record("token.invalid", call.agent().name(), clients.clientAddress(servletRequest), fields);
            request.abortWith(AgentError.of(Response.Status.FORBIDDEN, "Invalid or missing function token"));
        }
    }
}
