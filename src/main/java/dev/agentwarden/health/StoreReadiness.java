package dev.agentwarden.health;

import dev.agentwarden.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the store answers and its schema was migrated (the server's {@code /health/ready}). */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    private Database database;

    @Inject
    public StoreReadiness(Database database) {
        this.database = database;
    }

    /** For CDI proxies only. */
    protected StoreReadiness() {
    }

    @Override
    public HealthCheckResponse call() {
        Database.Health health = database.health();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("agent-warden-store")
                .status(health.reachable() && health.schemaVersion() != null)
                .withData("reachable", health.reachable())
                .withData("schema_version", health.schemaVersion() == null ? "not migrated" : health.schemaVersion());
        if (health.problem() != null) {
            response.withData("problem", health.problem());
        }
        return response.build();
    }
}
