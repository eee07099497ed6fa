package dev.agentwarden.agentconfig;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.ratelimit.RateLimitStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Registers an {@link AgentRateLimitFilter} on every resource method under {@code /api/agents/{agent}/…}: the agent's
 * {@code rateLimit} applies to all its {@code /api} routes. Before authorization ({@code AUTHORIZATION - 1}), so a
 * limited caller cannot go on probing permissions for free.
 */
@Provider
@ApplicationScoped
public class AgentRateLimitFeature implements DynamicFeature {

    private AgentControls controls;
    private RateLimitStore limits;
    private SecurityLog securityLog;

    @Inject
    public AgentRateLimitFeature(AgentControls controls, RateLimitStore limits, SecurityLog securityLog) {
        this.controls = controls;
        this.limits = limits;
        this.securityLog = securityLog;
    }

    /** For CDI proxies only. */
    public AgentRateLimitFeature() {
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Path path = resource.getResourceClass().getAnnotation(Path.class);
        if (path != null && path.value().startsWith("api/agents/{agent}")) {
            context.register(new AgentRateLimitFilter(controls, limits, securityLog), Priorities.AUTHORIZATION - 1);
        }
    }
}
