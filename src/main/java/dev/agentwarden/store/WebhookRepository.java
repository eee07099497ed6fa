package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Agents' sealed webhook secrets and the ids of the webhooks they accepted (the replay guard). */
@ApplicationScoped
public class WebhookRepository {

    private Database database;

    @Inject
    public WebhookRepository(Database database) {
        this.database = database;
    }

    /** For CDI proxies only. */
    protected WebhookRepository() {
    }

    public Optional<WebhookSecretRecord> secret(String agent) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT secret, previous, previous_until FROM webhook_secrets WHERE agent = ?")) {
                select.setString(1, agent);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<WebhookSecretRecord>empty();
                    }
                    long until = row.getLong(3);
                    return Optional.of(new WebhookSecretRecord(agent, row.getString(1), row.getString(2),
                            row.wasNull() ? null : until));
                }
            }
        });
    }

    /** Stores {@code record} as the agent's secrets, replacing any (one transaction). */
    public void save(WebhookSecretRecord record, long now) {
        database.inJdbcTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_secrets WHERE agent = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_secrets "
                            + "(agent, secret, previous, previous_until, created_at) VALUES (?, ?, ?, ?, ?)")) {
                delete.setString(1, record.agent());
                delete.executeUpdate();
                insert.setString(1, record.agent());
                insert.setString(2, record.secret());
                insert.setString(3, record.previous());
                insert.setObject(4, record.previousUntil(), java.sql.Types.BIGINT);
                insert.setLong(5, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records the webhook {@code id} of {@code agent} as seen at {@code now}; false when it was seen before (a
     * replay). Ids seen before {@code forgetBefore} are dropped first: older timestamps are refused anyway.
     */
    public boolean firstDelivery(String agent, String id, long now, long forgetBefore) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM webhook_deliveries WHERE seen_at < ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_deliveries "
                            + "(agent, id, seen_at) SELECT ?, ?, ? WHERE NOT EXISTS "
                            + "(SELECT 1 FROM webhook_deliveries WHERE agent = ? AND id = ?)")) {
                forget.setLong(1, forgetBefore);
                forget.executeUpdate();
                insert.setString(1, agent);
                insert.setString(2, id);
                insert.setLong(3, now);
                insert.setString(4, agent);
                insert.setString(5, id);
                return insert.executeUpdate() == 1;
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false; // the same id, inserted by a concurrent delivery: a replay
                }
                throw e;
            }
        });
    }
}
