package dev.agentwarden.apikey;

import java.time.Clock;
import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.authz.RequiresMfa;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.config.Durations;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.store.ApiKeyRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code /api/agents/{agent}/keys}: the seed's {@code swiftclaw keys create|list|rotate|revoke}. */
@Path("api/agents/{agent}/keys")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermissions("agents:manage:{agent}")
public class ApiKeyResource {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} _.-]{1,128}");

    private ApiKeys keys;
    private AgentControls controls;
    private SecurityLog securityLog;
    private Clock clock;

    @Inject
    public ApiKeyResource(ApiKeys keys, AgentControls controls, SecurityLog securityLog, Clock clock) {
        this.keys = keys;
        this.controls = controls;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    public ApiKeyResource() {
    }

    /** {@code {"name", "length"?, "environment"?, "expires_in"?}}. */
    public record NewKey(String name, Integer length, String environment, String expiresIn) {
    }

    /** {@code {"grace"?}}. */
    public record Rotation(String grace) {
    }

    /** A key as lists show it: never the secret. */
    public record KeyView(String id, String name, String prefix, String environment, String createdAt,
            String lastUsedAt, String expiresAt, String status, String rotationDueAt, boolean rotationDue) {
        static KeyView of(ApiKeyRecord k, long now, ApiKeys keys) {
            Long due = keys.rotationDueAt(k);
            boolean soon = due != null && now >= due - ApiKeys.ROTATION_NOTICE.toMillis();
            return new KeyView(k.id(), k.name(), k.prefix(), k.environment(), time(k.createdAt()),
                    time(k.lastUsedAt()), time(k.expiresAt()), keys.status(k, now), time(due), soon);
        }
    }

    /** A key just issued: the secret, once. */
    public record IssuedView(String id, String key, String name, String prefix, String environment, String createdAt,
            String expiresAt, String status) {
        static IssuedView of(ApiKeys.Issued issued, long now) {
            ApiKeyRecord k = issued.record();
            return new IssuedView(k.id(), issued.key(), k.name(), k.prefix(), k.environment(), time(k.createdAt()),
                    time(k.expiresAt()), k.status(now));
        }
    }

    @POST
    @RequiresMfa("keys")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("agent") String agent, NewKey request, @Context SecurityContext caller) {
        requireAgent(agent);
        if (request == null || request.name() == null || !NAME.matcher(request.name()).matches()) {
            throw ApiException.validation("name must be 1-128 letters, digits, spaces or _ . -");
        }
        int length = request.length() == null ? KeyFormat.MIN_LENGTH : request.length();
        if (length < KeyFormat.MIN_LENGTH || length > KeyFormat.MAX_LENGTH) {
            throw ApiException.validation("length must be between 32 and 128");
        }
        String environment = request.environment() == null ? "live" : request.environment();
        if (!environment.equals("live") && !environment.equals("test")) {
            throw ApiException.validation("environment must be live or test");
        }
        ApiKeys.Issued issued = keys.create(agent, request.name(), environment, length, duration(request.expiresIn()));
        audit("key.created", agent, issued.record(), caller);
        return Response.status(201).entity(IssuedView.of(issued, clock.millis())).build();
    }

    @GET
    public List<KeyView> list(@PathParam("agent") String agent) {
        requireAgent(agent);
        long now = clock.millis();
        return keys.list(agent).stream().map(k -> KeyView.of(k, now, keys)).toList();
    }

    @POST
    @Path("{id}/rotate")
    @RequiresMfa("keys")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response rotate(@PathParam("agent") String agent, @PathParam("id") String id, Rotation request,
            @Context SecurityContext caller) {
        requireAgent(agent);
        Duration grace = request == null ? null : duration(request.grace());
        ApiKeys.Issued issued = keys.rotate(agent, id, grace)
                .orElseThrow(() -> ApiException.notFound("No active key with that id"));
        audit("key.rotated", agent, issued.record(), caller);
        return Response.status(201).entity(IssuedView.of(issued, clock.millis())).build();
    }

    @DELETE
    @RequiresMfa("keys")
    @Path("{id}")
    public Response revoke(@PathParam("agent") String agent, @PathParam("id") String id,
            @Context SecurityContext caller) {
        requireAgent(agent);
        if (!keys.revoke(agent, id)) {
            throw ApiException.notFound("No key with that id");
        }
        securityLog.record("key.revoked", agent, null, Map.of("key_id", id, "by", caller.getUserPrincipal().getName()));
        return Response.noContent().build();
    }

    private void requireAgent(String agent) {
        if (controls.enabledAgent(agent) == null) {
            throw ApiException.notFound("No such agent");
        }
    }

    private void audit(String type, String agent, ApiKeyRecord key, SecurityContext caller) {
        securityLog.record(type, agent, null, Map.of("key_id", key.id(), "prefix", key.prefix(),
                "by", caller.getUserPrincipal().getName()));
    }

    private static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
    }

    static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
