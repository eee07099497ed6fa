package dev.agentwarden.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One JDBC transaction on a connection of a data source: all of the work, or none of it. */
public final class JdbcTransactions {

    /** Work on a JDBC connection, inside a transaction {@link #run} commits. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private JdbcTransactions() {
    }

    /**
     * Runs {@code work} in one transaction and returns its result; rolls back on any failure. A store failure becomes
     * a {@link StoreUnavailableException} (503) saying {@code failure}.
     */
    public static <T> T run(DataSource dataSource, String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException(failure, e);
        }
    }
}
