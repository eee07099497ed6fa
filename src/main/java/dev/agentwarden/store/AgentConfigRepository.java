package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Agents' config documents. Every change is a compare-and-set on the version (so a stale {@code If-Match}, or two
 * writers racing, change nothing), in one transaction.
 */
@ApplicationScoped
public class AgentConfigRepository {

    private static final String COLUMNS = "agent, config, version, updated_at, enabled";

    private Database database;
    private Clock clock;

    @Inject
    public AgentConfigRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected AgentConfigRepository() {
    }

    /** Every stored agent config. */
    public List<AgentConfigRecord> all() {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM agent_configs");
                    ResultSet rows = select.executeQuery()) {
                List<AgentConfigRecord> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(record(rows));
                }
                return all;
            }
        });
    }

    /**
     * Stores {@code config} and {@code enabled} for {@code agent} if its stored version is still {@code expected} (0:
     * no row yet); the new record, or empty when another change came first.
     */
    public Optional<AgentConfigRecord> save(String agent, String config, boolean enabled, long expected) {
        long now = clock.millis();
        return database.inJdbcTransaction(connection -> {
            int changed = expected == 0 ? insert(connection, agent, config, enabled, now)
                    : update(connection, agent, config, enabled, expected, now);
            return changed == 1 ? Optional.of(new AgentConfigRecord(agent, config, expected + 1, now, enabled))
                    : Optional.<AgentConfigRecord>empty();
        });
    }

    /**
     * Deletes an agent's data in one transaction, if its version is still {@code expected}: the agent is disabled,
     * its API keys revoked (so they answer {@code api_key_revoked}), its sessions and their messages deleted. Its
     * audit events stay. The new record, or empty when another change came first.
     */
    public Optional<AgentConfigRecord> disableAndPurge(String agent, String config, long expected) {
        long now = clock.millis();
        return database.inJdbcTransaction(connection -> {
            int changed = expected == 0 ? insert(connection, agent, config, false, now)
                    : update(connection, agent, config, false, expected, now);
            if (changed != 1) {
                return Optional.<AgentConfigRecord>empty();
            }
            try (PreparedStatement revoke = connection.prepareStatement("UPDATE api_keys SET revoked_at = ? "
                    + "WHERE agent = ? AND (revoked_at IS NULL OR revoked_at > ?)");
                    PreparedStatement sessions = connection.prepareStatement(
                            "DELETE FROM chat_sessions WHERE agent = ?")) {
                revoke.setLong(1, now);
                revoke.setString(2, agent);
                revoke.setLong(3, now);
                revoke.executeUpdate();
                sessions.setString(1, agent);
                sessions.executeUpdate();
            }
            return Optional.of(new AgentConfigRecord(agent, config, expected + 1, now, false));
        });
    }

    private static int insert(Connection connection, String agent, String config, boolean enabled, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO agent_configs (" + COLUMNS + ") SELECT ?, ?, 1, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM agent_configs WHERE agent = ?)")) {
            insert.setString(1, agent);
            insert.setString(2, config);
            insert.setLong(3, now);
            insert.setBoolean(4, enabled);
            insert.setString(5, agent);
            return insert.executeUpdate();
        }
    }

    private static int update(Connection connection, String agent, String config, boolean enabled, long expected,
            long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent_configs SET config = ?, "
                + "version = version + 1, updated_at = ?, enabled = ? WHERE agent = ? AND version = ?")) {
            update.setString(1, config);
            update.setLong(2, now);
            update.setBoolean(3, enabled);
            update.setString(4, agent);
            update.setLong(5, expected);
            return update.executeUpdate();
        }
    }

    private static AgentConfigRecord record(ResultSet row) throws SQLException {
        return new AgentConfigRecord(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
                row.getBoolean(5));
    }
}
