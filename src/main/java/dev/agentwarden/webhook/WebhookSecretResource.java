package dev.agentwarden.webhook;

import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.config.Durations;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /api/agents/{agent}/webhook/secret} ({@code {"grace"?: "24h"}}): a new webhook secret, shown once; the
 * previous one keeps verifying for the grace (default 24h; durations are positive, so {@code 1s} ends it at once).
 */
@Path("api/agents/{agent}/webhook/secret")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermissions("agents:manage:{agent}")
public class WebhookSecretResource {

    private static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    private AgentControls controls;
    private WebhookSecrets secrets;
    private SecurityLog securityLog;

    @Inject
    public WebhookSecretResource(AgentControls controls, WebhookSecrets secrets, SecurityLog securityLog) {
        this.controls = controls;
        this.secrets = secrets;
        this.securityLog = securityLog;
    }

    /** For CDI proxies only. */
    public WebhookSecretResource() {
    }

    @POST
    public Response rotate(@PathParam("agent") String agent, byte[] body, @Context SecurityContext caller) {
        if (controls.enabledAgent(agent) == null) {
            throw ApiException.notFound("No such agent");
        }
        Duration grace = grace(body);
        String secret = secrets.rotate(agent, grace);
        securityLog.record("webhook.secret_rotated", agent, null,
                Map.of("grace_seconds", grace.toSeconds(), "by", caller.getUserPrincipal().getName()));
        return Response.status(201).entity(Json.writeBytes(Map.of("secret", secret))).build();
    }

    private static Duration grace(byte[] body) {
        if (body == null || body.length == 0) {
            return DEFAULT_GRACE;
        }
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            throw ApiException.validation("The body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?> map) || map.keySet().stream().anyMatch(k -> !"grace".equals(k))) {
            throw ApiException.validation("The body is {\"grace\"?: \"24h\"}");
        }
        if (map.get("grace") == null) {
            return DEFAULT_GRACE;
        }
        try {
            return Durations.parse(String.valueOf(map.get("grace")));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("grace: " + e.getMessage());
        }
    }
}
