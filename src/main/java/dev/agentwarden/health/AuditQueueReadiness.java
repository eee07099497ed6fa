package dev.agentwarden.health;

import dev.agentwarden.audit.AuditWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the audit queue is 90 % full: past that, security events would be dropped, so a load balancer should
 * send traffic elsewhere until the store catches up.
 */
@Readiness
@ApplicationScoped
public class AuditQueueReadiness implements HealthCheck {

    /** The share of the queue's capacity past which the node reports itself not ready. */
    static final double FULL = 0.9;

    private AuditWriter writer;

    @Inject
    public AuditQueueReadiness(AuditWriter writer) {
        this.writer = writer;
    }

    /** For CDI proxies only. */
    protected AuditQueueReadiness() {
    }

    @Override
    public HealthCheckResponse call() {
        int queued = writer.queued();
        int capacity = writer.capacity();
        return HealthCheckResponse.named("agent-warden-audit-queue")
                .status(queued < capacity * FULL)
                .withData("queued", queued)
                .withData("capacity", capacity)
                .withData("store_failing", writer.failing())
                .build();
    }
}
