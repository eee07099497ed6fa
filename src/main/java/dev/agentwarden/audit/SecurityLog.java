package dev.agentwarden.audit;

import dev.agentwarden.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes security events as one JSON object per line to the {@code dev.agentwarden.security} logger (the server's
 * standard logging), and publishes them as CDI events for the audit store.
 */
@ApplicationScoped
public class SecurityLog {

    private static final Logger LOG = Logger.getLogger("dev.agentwarden.security");

    private final Event<SecurityEvent> events;

    @Inject
    public SecurityLog(Event<SecurityEvent> events) {
        this.events = events;
    }

    /** For CDI proxies only. */
    protected SecurityLog() {
        this.events = null;
    }

    /** Records an event of {@code type}: the log line, and the audit store. */
    public void record(String type, String agent, String peer, Map<String, Object> fields) {
        SecurityEvent event = new SecurityEvent(type, Instant.now(), agent, peer, fields);
        log(event);
        events.fire(event);
    }

    /**
     * Logs an event without storing it: for the successful Basic check of every SignalWire webhook call, which would
     * otherwise put one audit row per call in the store. Failures, token refusals and secure calls are all stored.
     */
    public void logOnly(String type, String agent, String peer, Map<String, Object> fields) {
        log(new SecurityEvent(type, Instant.now(), agent, peer, fields));
    }

    /** Whether an event of {@code type} would reach the log (saves building one that would not). */
    public boolean isLogged(String type) {
        return LOG.isLoggable(level(type));
    }

    private static void log(SecurityEvent event) {
        Level level = level(event.type());
        if (LOG.isLoggable(level)) {
            LOG.log(level, toJson(event));
        }
    }

    /**
     * Refusals warn. Successes of the hot path (an authenticated request, a secure function's call) come one per
     * request: they log at FINE unless the operator raises the logger's level, and a secure call is always kept in the
     * audit store. Administrative changes (keys, users, roles) log at INFO.
     */
    private static Level level(String type) {
        if (type.endsWith(".failed") || type.endsWith(".invalid") || type.equals("rate_limited")) {
            return Level.WARNING;
        }
        return type.equals("auth.success") || type.equals("function.secure_call") ? Level.FINE : Level.INFO;
    }

    /** The event as the single-line JSON the log carries. */
    public static String toJson(SecurityEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event.type());
        line.put("at", event.at().toString());
        if (event.agent() != null) {
            line.put("agent", event.agent());
        }
        if (event.peer() != null) {
            line.put("peer", event.peer());
        }
        line.putAll(new TreeMap<>(event.fields()));
        return Json.write(line);
    }
}
