package dev.agentwarden.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/** H2 databases with the product's Flyway migrations applied, and a JDBC recorder, for the audit unit tests. */
public final class TestDatabases {

    /** Flyway's start-up chatter, once per test database, hides the test output. */
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY.setLevel(Level.WARNING);
    }

    private TestDatabases() {
    }

    /** A private in-memory database, migrated; it lives until the JVM ends. */
    public static DataSource memory() {
        return migrated("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /**
     * A file database in {@code dir}, migrated, behind a connection pool as the product opens it ({@code Database}):
     * the pool keeps the database open between uses; close it with {@link JdbcConnectionPool#dispose()}.
     */
    public static JdbcConnectionPool file(Path dir) {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("warden").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE", "warden", "");
        migrate(pool);
        return pool;
    }

    private static DataSource migrated(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("warden");
        h2.setPassword("");
        migrate(h2);
        return h2;
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** Wraps a data source and writes down the JDBC calls made on its connections and statements. */
    public static final class Recorder {

        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final DataSource target;

        Recorder(DataSource target) {
            this.target = target;
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(target, method, args);
                        return result instanceof Connection c ? wrap(Connection.class, c) : result;
                    });
        }

        private <T> T wrap(Class<T> type, T object) {
            InvocationHandler handler = (proxy, method, args) -> {
                calls.add(type.getSimpleName() + "." + method.getName() + (args == null ? "()" : Arrays.toString(args)));
                Object result = invoke(object, method, args);
                return result instanceof PreparedStatement s ? wrap(PreparedStatement.class, s) : result;
            };
            return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** The recorded calls whose description starts with {@code prefix}. */
        List<String> named(String prefix) {
            synchronized (calls) {
                return calls.stream().filter(c -> c.startsWith(prefix)).toList();
            }
        }
    }
}
