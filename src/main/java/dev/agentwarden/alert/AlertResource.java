package dev.agentwarden.alert;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.authz.Authorization;
import dev.agentwarden.authz.RequiresAuthentication;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.config.Durations;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.store.AlertRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/alerts}: the seed's {@code swiftclaw alerts create --agent my-agent --metric failed-auth --threshold 10
 * --window 5m}. Managing an alert takes {@code manage} on its agent ({@code agents:manage:<agent>}); a caller who may
 * manage no agent is refused the list too. The webhook secret ({@code whsec_…}) is shown once, in the 201.
 */
@Path("api/alerts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresAuthentication
public class AlertResource {

    static final int MAX_THRESHOLD = 100_000;
    private static final Set<String> FIELDS = Set.of("agent", "metric", "threshold", "window", "webhook_url");

    private Alerts alerts;
    private AgentRegistry agents;
    private Authorization authorization;
    private WebhookTargets targets;
    private SecurityLog securityLog;

    @Inject
    public AlertResource(Alerts alerts, AgentRegistry agents, Authorization authorization, WebhookTargets targets,
            SecurityLog securityLog) {
        this.alerts = alerts;
        this.agents = agents;
        this.authorization = authorization;
        this.targets = targets;
        this.securityLog = securityLog;
    }

    /** For CDI proxies only. */
    public AlertResource() {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body, @Context SecurityContext caller) {
        Map<?, ?> fields = object(body);
        List<Map<String, String>> errors = new ArrayList<>();
        String agent = text(fields, "agent", errors);
        String metricName = text(fields, "metric", errors);
        Metric metric = metricName == null ? null : Metric.of(metricName).orElse(null);
        if (metricName != null && metric == null) {
            errors.add(error("/metric", "must be one of " + Metric.names()));
        }
        Integer threshold = threshold(fields, errors);
        String window = text(fields, "window", errors);
        if (window != null && !Durations.isValid(window)) {
            errors.add(error("/window", "must be a positive duration: 1 to 999999 followed by s, m, h or d (30s, 5m, "
                    + "24h, 90d)"));
        }
        String webhookUrl = null;
        if (fields.get("webhook_url") != null) {
            if (fields.get("webhook_url") instanceof String url) {
                try {
                    webhookUrl = targets.check(url).toString();
                } catch (WebhookTargets.Refused e) {
                    errors.add(error("/webhook_url", e.getMessage()));
                }
            } else {
                errors.add(error("/webhook_url", "must be a string"));
            }
        }
        fields.keySet().stream().map(String::valueOf).filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(error("/" + k, "unknown key; allowed: agent, metric, threshold, window, "
                        + "webhook_url")));
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        requireManage(caller, agent);
        if (agents.byName(agent) == null) {
            return invalid(List.of(error("/agent", "no such agent")));
        }
        Alerts.Created created = alerts.create(new Alerts.NewAlert(agent, metric, threshold, window, webhookUrl),
                caller.getUserPrincipal().getName());
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("alert_id", created.alert().id());
        audit.put("metric", metric.wireName());
        audit.put("threshold", threshold);
        audit.put("window", window);
        audit.put("webhook", webhookUrl != null);
        audit.put("by", caller.getUserPrincipal().getName());
        securityLog.record("alert.created", agent, null, audit);
        Map<String, Object> view = view(created.alert());
        if (created.secret() != null) {
            view.put("secret", created.secret());
        }
        return Response.created(URI.create("api/alerts/" + created.alert().id()))
                .entity(Json.writeBytes(view)).build();
    }

    @GET
    public Response list(@QueryParam("agent") String agent, @Context SecurityContext caller) {
        WardenPrincipal principal = principal(caller);
        if (agent != null) {
            requireManage(caller, agent);
        } else if (agents.all().stream().map(RegisteredAgent::name).noneMatch(a -> mayManage(principal, a))) {
            throw ApiException.forbidden("Managing alerts takes the manage permission on an agent");
        }
        List<Map<String, Object>> list = alerts.all().stream()
                .filter(a -> agent == null || agent.equals(a.agent()))
                .filter(a -> mayManage(principal, a.agent()))
                .map(AlertResource::view).toList();
        return Response.ok(Json.writeBytes(list)).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context SecurityContext caller) {
        AlertRecord alert = alerts.find(id).orElseThrow(() -> ApiException.notFound("No such alert"));
        requireManage(caller, alert.agent());
        return Response.ok(Json.writeBytes(view(alert))).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        AlertRecord alert = alerts.find(id).orElseThrow(() -> ApiException.notFound("No such alert"));
        requireManage(caller, alert.agent());
        if (!alerts.delete(id)) {
            throw ApiException.notFound("No such alert");
        }
        securityLog.record("alert.deleted", alert.agent(), null,
                Map.of("alert_id", id, "by", caller.getUserPrincipal().getName()));
        return Response.noContent().build();
    }

    static Map<String, Object> view(AlertRecord alert) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", alert.id());
        view.put("agent", alert.agent());
        view.put("metric", alert.metric());
        view.put("threshold", alert.threshold());
        view.put("window", alert.window());
        if (alert.webhookUrl() != null) {
            view.put("webhook_url", alert.webhookUrl());
        }
        view.put("created_by", alert.createdBy());
        view.put("created_at", Instant.ofEpochMilli(alert.createdAt()).toString());
        view.put("last_fired_at", alert.lastFiredAt() == null ? null : Instant.ofEpochMilli(alert.lastFiredAt()).toString());
        return view;
    }

    private void requireManage(SecurityContext caller, String agent) {
        if (!mayManage(principal(caller), agent)) {
            throw ApiException.forbidden("Managing alerts of this agent takes the manage permission on it");
        }
    }

    private boolean mayManage(WardenPrincipal principal, String agent) {
        return authorization.isPermitted(principal, "agents:manage:" + agent);
    }

    private static WardenPrincipal principal(SecurityContext caller) {
        return caller.getUserPrincipal() instanceof WardenPrincipal p ? p : null;
    }

    private static Map<?, ?> object(byte[] body) {
        Object parsed;
        try {
            parsed = body == null || body.length == 0 ? null : Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            throw ApiException.validation("The body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw ApiException.validation("The body is a JSON object: {\"agent\", \"metric\", \"threshold\", "
                    + "\"window\", \"webhook_url\"?}");
        }
        return map;
    }

    private static String text(Map<?, ?> fields, String name, List<Map<String, String>> errors) {
        Object value = fields.get(name);
        if (value == null) {
            errors.add(error("/" + name, "is required"));
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            errors.add(error("/" + name, "must be a non-empty string"));
            return null;
        }
        return text;
    }

    private static Integer threshold(Map<?, ?> fields, List<Map<String, String>> errors) {
        Object value = fields.get("threshold");
        if (value == null) {
            errors.add(error("/threshold", "is required"));
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < 1 || number.doubleValue() > MAX_THRESHOLD) {
            errors.add(error("/threshold", "must be an integer from 1 to " + MAX_THRESHOLD));
            return null;
        }
        return number.intValue();
    }

    private static Map<String, String> error(String pointer, String detail) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("pointer", pointer);
        error.put("detail", detail);
        return error;
    }

    private static Response invalid(List<Map<String, String>> errors) {
        return Problem.of(400, "validation_failed", "The alert is not valid", Map.of("errors", errors));
    }
}
