package dev.agentwarden.audit;

import dev.agentwarden.store.SecurityEvent;
import java.time.Clock;
import dev.agentwarden.json.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes security events as one JSON object per line to the {@code dev.agentwarden.security} logger (the server's
 * standard logging), and publishes them as CDI events for the audit store.
 *
 * <p>Refusals (WARNING) are rate-limited per event type and client address: the first
 * {@code warden.security-log.burst} (default {@value #DEFAULT_BURST}) of each minute are written, the rest are counted
 * and one {@code log.suppressed} line says how many were left out. Every event still reaches the audit store.
 */
@ApplicationScoped
public class SecurityLog {

    static final int DEFAULT_BURST = 10;
    static final long WINDOW_MILLIS = 60_000;
    /** Client addresses tracked at once; past that, new ones share one allowance. */
    static final int MAX_SOURCES = 10_000;

    private static final Logger LOG = Logger.getLogger("dev.agentwarden.security");

    private final Event<SecurityEvent> events;
    private final LogThrottle<Source> throttle;
    private final Clock clock;

    /** Where refusals come from: what they were and who sent them. */
    private record Source(String type, String peer) {
    }

    @Inject
    public SecurityLog(Event<SecurityEvent> events, Config config, Clock clock) {
        this(events, config.getOptionalValue("warden.security-log.burst", Integer.class).orElse(DEFAULT_BURST), clock);
    }

    /** A log writing at most {@code burst} refusal lines per type and client address a minute ({@code 0}: all). */
    SecurityLog(Event<SecurityEvent> events, int burst, Clock clock) {
        if (burst < 0) {
            throw new IllegalArgumentException("warden.security-log.burst must be 0 (no limit) or more, not " + burst);
        }
        this.events = events;
        this.clock = clock;
        this.throttle = burst == 0 ? null : new LogThrottle<>(burst, WINDOW_MILLIS, MAX_SOURCES);
    }

    /** For CDI proxies only. */
    protected SecurityLog() {
        this.events = null;
        this.throttle = null;
        this.clock = null;
    }

    /** Records an event of {@code type}: the log line, and the audit store. */
    public void record(String type, String agent, String peer, Map<String, Object> fields) {
        record(new SecurityEvent(type, clock.instant(), agent, peer, fields));
    }

    void record(SecurityEvent event) {
        log(event);
        events.fire(event);
    }

    /**
     * Logs an event without storing it: for the successful Basic check of every SignalWire webhook call, which would
     * otherwise put one audit row per call in the store. Failures, token refusals and secure calls are all stored.
     */
    public void logOnly(String type, String agent, String peer, Map<String, Object> fields) {
        log(new SecurityEvent(type, clock.instant(), agent, peer, fields));
    }

    /** Whether an event of {@code type} would reach the log (saves building one that would not). */
    public boolean isLogged(String type) {
        return LOG.isLoggable(level(type));
    }

    private void log(SecurityEvent event) {
        Level level = level(event.type());
        if (!LOG.isLoggable(level)) {
            return;
        }
        if (level == Level.WARNING && throttle != null) {
            long now = event.at().toEpochMilli();
            throttle.sweep(now).forEach((source, count) -> LOG.warning(suppressed(source, count, event.at())));
            Source source = new Source(event.type(), event.peer());
            LogThrottle.Admission admission = throttle.admit(source, now);
            if (admission.suppressedBefore() > 0) {
                LOG.warning(suppressed(source, admission.suppressedBefore(), event.at()));
            }
            if (!admission.log()) {
                return;
            }
        }
        LOG.log(level, toJson(event));
    }

    /** The line that says how many refusals of {@code source} the last minute left out of the log. */
    private static String suppressed(Object source, long count, Instant at) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "log.suppressed");
        line.put("at", at.toString());
        if (source instanceof Source s) {
            line.put("type", s.type());
            if (s.peer() != null) {
                line.put("peer", s.peer());
            }
        } else {
            line.put("type", "*");
            line.put("peer", "* (more than " + MAX_SOURCES + " clients)");
        }
        line.put("suppressed", count);
        line.put("window_seconds", WINDOW_MILLIS / 1000);
        return Json.write(line);
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
