package dev.agentwarden.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The audit log in {@code audit_events}, in plain JDBC: appends in batches (one transaction each), queries newest
 * first, and exports through a forward-only cursor read {@value #FETCH_SIZE} rows at a time, so an export of any size
 * runs in constant memory. JPA would only add a persistence context to fill and flush.
 */
@ApplicationScoped
public class AuditStore {

    /** Rows the driver fetches per round trip during an export. */
    public static final int FETCH_SIZE = 500;

    private static final String COLUMNS = "id, type, agent, at, peer, principal, detail";
    private static final String INSERT =
            "INSERT INTO audit_events (type, agent, at, peer, principal, detail) VALUES (?, ?, ?, ?, ?, ?)";
    /** {@code !} escapes LIKE wildcards the same way on H2 and PostgreSQL (a backslash does not). */
    private static final String TYPE_FILTER = " AND (type = ? OR type LIKE ? ESCAPE '!')";

    private final Supplier<DataSource> dataSource;

    /** Receives the rows of an export, one at a time. */
    @FunctionalInterface
    public interface RowSink {
        void accept(AuditRecord row) throws IOException;
    }

    @Inject
    public AuditStore(Database database) {
        this.dataSource = database::dataSource;
    }

    /** A store over {@code dataSource}, already migrated (tests, tools). */
    public AuditStore(DataSource dataSource) {
        this.dataSource = () -> dataSource;
    }

    /** For CDI proxies only. */
    protected AuditStore() {
        this.dataSource = null;
    }

    /** Appends {@code events} in one JDBC batch and one transaction: all of them or none. */
    /** Loads every class the write path uses (the shutdown drain must not need a class loader Payara has closed). */
    public static void loadWritePath() {
        AuditRows.of(new SecurityEvent("start", java.time.Instant.EPOCH, null, null, java.util.Map.of("principal", "-",
                "n", 1, "list", List.of(true))));
    }

    public void insertBatch(List<SecurityEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        JdbcTransactions.run(dataSource.get(), "Could not append " + events.size() + " audit events", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (SecurityEvent event : events) {
                    bind(insert, AuditRows.of(event));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * The events of {@code agent} ({@code null}: the events of no agent — sign-ins at the token endpoint, users, MFA)
     * since {@code sinceMillis}, newest first, at most {@code limit}. {@code filter} is
     * {@code null}, an exact type, or a prefix ending at a dot: {@code auth} matches {@code auth.success} and
     * {@code auth.failed}, not {@code authz.denied}.
     */
    public List<AuditRecord> query(String agent, String filter, long sinceMillis, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE " + (agent == null ? "agent IS NULL" : "agent = ?")
                + " AND at >= ?" + (filter == null ? "" : TYPE_FILTER) + " ORDER BY at DESC, id DESC LIMIT ?";
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 0;
            if (agent != null) {
                select.setString(++i, agent);
            }
            select.setLong(++i, sinceMillis);
            if (filter != null) {
                select.setString(++i, filter);
                select.setString(++i, likeEscape(filter) + ".%");
            }
            select.setInt(++i, limit);
            List<AuditRecord> rows = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreUnavailableException("Could not read the audit log", e);
        }
    }

    /**
     * Streams the events of {@code agent} since {@code sinceMillis}, oldest first, to {@code sink}; returns how many.
     * Forward-only, read-only cursor with a fetch size, outside auto-commit (PostgreSQL only streams then): memory
     * does not grow with the number of rows. A failure of {@code sink} stops the export and is rethrown.
     */
    public long export(String agent, long sinceMillis, RowSink sink) throws IOException {
        Objects.requireNonNull(agent, "agent");
        String sql = "SELECT " + COLUMNS + " FROM audit_events WHERE agent = ? AND at >= ? ORDER BY at, id";
        try (Connection connection = dataSource.get().getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                select.setFetchSize(FETCH_SIZE);
                select.setString(1, agent);
                select.setLong(2, sinceMillis);
                long count = 0;
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        sink.accept(row(result));
                        count++;
                    }
                }
                return count;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("Could not export the audit log", e);
        }
    }

    private static void bind(PreparedStatement insert, AuditRows.Row row) throws SQLException {
        insert.setString(1, row.type());
        insert.setString(2, row.agent());
        insert.setLong(3, row.at());
        insert.setString(4, row.peer());
        insert.setString(5, row.principal());
        insert.setString(6, row.detail());
    }

    private static AuditRecord row(ResultSet result) throws SQLException {
        return new AuditRecord(result.getLong(1), result.getString(2), result.getString(3), result.getLong(4),
                result.getString(5), result.getString(6), result.getString(7));
    }

    static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
