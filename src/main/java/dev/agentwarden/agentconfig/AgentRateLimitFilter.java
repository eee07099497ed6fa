package dev.agentwarden.agentconfig;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.ratelimit.RateLimitStore;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.Map;

/**
 * The agent's {@code rateLimit} on its {@code /api} routes, per principal (API key, user, service account): 429
 * {@code rate_limited} with {@code Retry-After} past it, and {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} on every response of a limited route. The bucket key holds the limit, so a changed limit
 * starts a fresh bucket.
 */
public final class AgentRateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String PROBE = AgentRateLimitFilter.class.getName() + ".probe";

    private final AgentControls controls;
    private final RateLimitStore limits;
    private final SecurityLog securityLog;

    AgentRateLimitFilter(AgentControls controls, RateLimitStore limits, SecurityLog securityLog) {
        this.controls = controls;
        this.limits = limits;
        this.securityLog = securityLog;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String agent = request.getUriInfo().getPathParameters().getFirst("agent");
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (agent == null || caller == null || request.getProperty(PROBE) != null) {
            return; // (a filter registered twice for one method, as runtimes may do, charges once)
        }
        AgentConfigDocument.RateLimit limit = controls.state(agent).document().security().rateLimit();
        if (!limit.enabled()) {
            return;
        }
        RateLimitStore.Probe probe = limits.tryConsume("api|" + agent + "|" + caller.getName(), limit.requests(),
                limit.windowDuration());
        request.setProperty(PROBE, probe);
        if (!probe.allowed()) {
            securityLog.record("rate_limited", agent, null, Map.of("scope", "api", "principal", caller.getName()));
            request.abortWith(Response.fromResponse(Problem.of(429, "rate_limited", "Too many requests; retry later"))
                    .header("Retry-After", probe.resetSeconds()).build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROBE) instanceof RateLimitStore.Probe probe) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("RateLimit-Limit", probe.limit());
            headers.putSingle("RateLimit-Remaining", probe.remaining());
            headers.putSingle("RateLimit-Reset", probe.resetSeconds());
        }
    }
}
