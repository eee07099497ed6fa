package dev.agentwarden.health;

import dev.agentwarden.audit.AuditWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the audit writer's scheduled task still runs (the server's {@code /health/live}). A task that died would
 * leave security events piling up unwritten for good: only a restart mends that. A store outage is not a reason to
 * restart; it makes the node not ready ({@link StoreReadiness}).
 */
@Liveness
@ApplicationScoped
public class AuditWriterLiveness implements HealthCheck {

    /** Rounds that may be missed (a slow store, a long pause) before the writer counts as stalled; at least 30 s. */
    static final int MISSED_ROUNDS = 20;

    private AuditWriter writer;

    @Inject
    public AuditWriterLiveness(AuditWriter writer) {
        this.writer = writer;
    }

    /** For CDI proxies only. */
    protected AuditWriterLiveness() {
    }

    @Override
    public HealthCheckResponse call() {
        Duration stall = Duration.ofMillis(Math.max(30_000, writer.intervalMillis() * MISSED_ROUNDS));
        return HealthCheckResponse.named("agent-warden-audit-writer")
                .status(writer.running(stall))
                .withData("stall_seconds", stall.toSeconds())
                .build();
    }
}
