package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Alert rules, and when each last fired. */
@ApplicationScoped
public class AlertRepository {

    private static final String COLUMNS =
            "id, agent, metric, threshold, window_text, webhook_url, secret, created_by, created_at, last_fired_at";

    private Database database;

    @Inject
    public AlertRepository(Database database) {
        this.database = database;
    }

    /** For CDI proxies only. */
    protected AlertRepository() {
    }

    /** Every alert, oldest first. */
    public List<AlertRecord> all() {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM alerts ORDER BY created_at, id");
                    ResultSet rows = select.executeQuery()) {
                List<AlertRecord> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(record(rows));
                }
                return all;
            }
        });
    }

    public void insert(AlertRecord alert) {
        database.inJdbcTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, alert.id());
                insert.setString(2, alert.agent());
                insert.setString(3, alert.metric());
                insert.setInt(4, alert.threshold());
                insert.setString(5, alert.window());
                insert.setString(6, alert.webhookUrl());
                insert.setString(7, alert.secret());
                insert.setString(8, alert.createdBy());
                insert.setLong(9, alert.createdAt());
                insert.setObject(10, alert.lastFiredAt(), Types.BIGINT);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Deletes the alert; false when there was none. */
    public boolean delete(String id) {
        return database.inJdbcTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM alerts WHERE id = ?")) {
                delete.setString(1, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    /** Records that the alert fired at {@code at} (epoch milliseconds). */
    public void fired(String id, long at) {
        database.inJdbcTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE alerts SET last_fired_at = ? WHERE id = ?")) {
                update.setLong(1, at);
                update.setString(2, id);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static AlertRecord record(ResultSet row) throws SQLException {
        long lastFired = row.getLong(10);
        Long lastFiredAt = row.wasNull() ? null : lastFired;
        return new AlertRecord(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getLong(9), lastFiredAt);
    }
}
