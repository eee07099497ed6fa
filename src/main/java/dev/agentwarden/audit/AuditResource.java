package dev.agentwarden.audit;

import dev.agentwarden.store.AuditStore;
import java.time.Clock;
import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.authz.RequiresMfa;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.config.Durations;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.http.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code /api/agents/{agent}/audit}: the seed's {@code swiftclaw logs my-agent --filter auth} (newest first) and
 * {@code swiftclaw audit export my-agent --period 30d} (streamed, NDJSON or CSV).
 */
@Path("api/agents/{agent}/audit")
@ApplicationScoped
public class AuditResource {

    static final String DEFAULT_PERIOD = "30d";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final Logger LOG = Logger.getLogger(AuditResource.class.getName());
    /** An event type or a dotted prefix of one: letters, digits and {@code _} between dots. */
    private static final Pattern FILTER = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    private AuditStore store;
    private AgentRegistry agents;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private Clock clock;

    @Inject
    public AuditResource(AuditStore store, AgentRegistry agents, SecurityLog securityLog, ClientInfo clients, Clock clock) {
        this.store = store;
        this.agents = agents;
        this.securityLog = securityLog;
        this.clients = clients;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    public AuditResource() {
    }

    /** {@code ?filter=auth.failed&since=30d&limit=100} → the events, newest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermissions("agents:read:{agent}")
    public Response list(@PathParam("agent") String agent, @QueryParam("filter") String filter,
            @QueryParam("since") String since, @QueryParam("limit") String limit) {
        requireAgent(agent);
        return list(store, clock, agent, filter, since, limit);
    }

    /** The events of {@code agent} ({@code null}: the platform's own, of no agent), newest first. */
    static Response list(AuditStore store, Clock clock, String agent, String filter, String since, String limit) {
        if (filter != null && (filter.length() > 64 || !FILTER.matcher(filter).matches())) {
            throw ApiException.validation("filter must be an event type or a prefix of one, such as auth or auth.failed");
        }
        long from = start(clock, "since", since);
        int max = limit(limit);
        List<Map<String, Object>> events = store.query(agent, filter, from, max).stream().map(AuditFormat::view).toList();
        return Response.ok(Json.writeBytes(events), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code ?period=30d&format=ndjson|csv} → the events of the period, oldest first, streamed as a download. */
    @GET
    @Path("export")
    @RequiresMfa("export")
    @RequiresPermissions("agents:manage:{agent}")
    public Response export(@PathParam("agent") String agent, @QueryParam("period") String period,
            @QueryParam("format") String format, @Context SecurityContext caller, @Context HttpServletRequest request) {
        requireAgent(agent);
        long from = start(clock, "period", period);
        AuditFormat chosen = AuditFormat.named(format == null ? "ndjson" : format);
        if (chosen == null) {
            throw ApiException.validation("format must be ndjson or csv");
        }
        securityLog.record("audit.exported", agent, clients.clientAddress(request), Map.of("by",
                caller.getUserPrincipal().getName(), "format", chosen.extension(), "period",
                period == null ? DEFAULT_PERIOD : period));
        StreamingOutput body = out -> stream(agent, from, chosen, out);
        String filename = "audit-" + agent.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDate.now(ZoneOffset.UTC)
                + "." + chosen.extension();
        return Response.ok(body, chosen.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private void stream(String agent, long from, AuditFormat format, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        writer.write(format.header());
        try {
            store.export(agent, from, row -> writer.write(format.line(row)));
        } catch (RuntimeException e) {
            // The status line is gone already: cut the download short so the client sees it is incomplete.
            LOG.log(Level.WARNING, "Audit export of agent " + agent + " failed", e);
            throw new IOException("Audit export failed", e);
        }
        writer.flush();
    }

    private void requireAgent(String agent) {
        if (agents.byName(agent) == null) {
            throw ApiException.notFound("No such agent");
        }
    }

    /** Epoch milliseconds {@code text} (a duration, default 30d) ago. */
    private static long start(Clock clock, String name, String text) {
        try {
            return clock.millis() - Durations.parse(text == null ? DEFAULT_PERIOD : text).toMillis();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(name + ": " + e.getMessage());
        }
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
