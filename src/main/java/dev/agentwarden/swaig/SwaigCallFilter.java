package dev.agentwarden.swaig;

import dev.agentwarden.agent.SwaigRequest;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.config.SwmlSettings;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.http.JsonBodyFilter;
import dev.agentwarden.problem.AgentError;
import dev.agentwarden.ratelimit.RateLimitStore;
import dev.agentwarden.route.RequestTarget;
import dev.agentwarden.route.RequestTargets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Map;

/**
 * Resolves a SWAIG call once (agent, request, function) and charges the caller's limit ({@code SWML_RATE_LIMIT} a
 * minute, keyed by {@code caller_id_num}, else {@code call_id}): every call to {@code {route}/swaig} counts, whatever
 * its function or token, so probing function names or tokens is limited too. Runs after the body is parsed and
 * before the function token check ({@link #PRIORITY}).
 */
@Provider
@ApplicationScoped
@SwaigEndpoint
@Priority(SwaigCallFilter.PRIORITY)
public class SwaigCallFilter implements ContainerRequestFilter {

    /** After {@link JsonBodyFilter#PRIORITY}, before the token check at {@code Priorities.AUTHORIZATION}. */
    public static final int PRIORITY = JsonBodyFilter.PRIORITY + 100;

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private RequestTargets targets;
    private RateLimitStore limits;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private HttpServletRequest servletRequest;
    private int perCallerLimit;

    @Inject
    public SwaigCallFilter(RequestTargets targets, RateLimitStore limits, SecurityLog securityLog, ClientInfo clients,
            HttpServletRequest servletRequest, SwmlSettings settings) {
        this.targets = targets;
        this.limits = limits;
        this.securityLog = securityLog;
        this.clients = clients;
        this.servletRequest = servletRequest;
        this.perCallerLimit = settings.rateLimit();
    }

    /** For CDI proxies and the JAX-RS runtime's constructor check only (the instance comes from CDI). */
    public SwaigCallFilter() {
    }

    @Override
    public void filter(ContainerRequestContext context) {
        RequestTarget target = targets.of(servletRequest);
        if (target.agent() == null || target.endpoint() != RequestTarget.Endpoint.SWAIG
                || !(context.getProperty(JsonBodyFilter.BODY) instanceof Map<?, ?> body)) {
            context.abortWith(AgentError.of(Response.Status.NOT_FOUND, "Path not found"));
            return;
        }
        @SuppressWarnings("unchecked")
        SwaigRequest request = new SwaigRequest((Map<String, Object>) body);
        if (perCallerLimit > 0) {
            String caller = request.callerKey() == null ? "anonymous" : request.callerKey();
            RateLimitStore.Probe probe = limits.tryConsume("swaig|" + target.agentName() + "|" + caller,
                    perCallerLimit, MINUTE);
            if (!probe.allowed()) {
                Object function = request.raw().get("function");
                securityLog.record("rate_limited", target.agentName(), clients.clientAddress(servletRequest),
                        Map.of("scope", "caller", "function", function instanceof String s ? s : ""));
                context.abortWith(Response.fromResponse(AgentError.of(429, "Rate limit exceeded"))
                        .header("Retry-After", probe.resetSeconds())
                        .header("RateLimit-Limit", probe.limit())
                        .header("RateLimit-Remaining", 0)
                        .header("RateLimit-Reset", probe.resetSeconds()).build());
                return;
            }
        }
        context.setProperty(SwaigCall.PROPERTY, SwaigCall.resolve(target.agent(), request));
    }
}
