package dev.agentwarden.store;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The durable store: the data source ({@code WARDEN_DATASOURCE}, a JNDI name such as {@code java:/jdbc/warden} for
 * PostgreSQL, or else an embedded H2 file database under {@code WARDEN_DATA_DIR}), migrated by Flyway at start-up,
 * and the JPA {@link EntityManagerFactory} over it. Every change runs in one transaction: all of it or none.
 */
@ApplicationScoped
public class Database {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private DataSource dataSource;
    private JdbcConnectionPool embeddedPool;
    private EntityManagerFactory entityManagers;
    private Config config;
    private volatile String schemaVersion;

    /**
     * What the health checks report of the store.
     *
     * @param reachable     a connection was had and answered within the timeout
     * @param schemaVersion the schema version Flyway migrated to at start-up, or {@code null} before
     * @param problem       why it is not reachable (the exception's class and message; never a credential), or null
     */
    public record Health(boolean reachable, String schemaVersion, String problem) {
    }

    @Inject
    public Database(Config config) {
        this.config = config;
    }

    /** For CDI proxies only. */
    protected Database() {
    }

    @PostConstruct
    void open() {
        String jndi = config.getOptionalValue("WARDEN_DATASOURCE", String.class).orElse(null);
        if (jndi != null) {
            dataSource = lookup(jndi);
            LOG.info("Store: data source " + jndi);
        } else {
            Path dir = Path.of(config.getOptionalValue("WARDEN_DATA_DIR", String.class).orElse("./data"))
                    .toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("WARDEN_DATA_DIR " + dir + " cannot be created: " + e.getMessage(), e);
            }
            embeddedPool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("warden") + ";DB_CLOSE_ON_EXIT=FALSE",
                    "warden", "");
            embeddedPool.setMaxConnections(32);
            dataSource = embeddedPool;
            LOG.info("Store: embedded H2 database in " + dir);
        }
        var flyway = Flyway.configure(Database.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:db/migration");
        // WARDEN_DB_SCHEMA: keep the tables in a schema of their own (created if missing), e.g. on a shared PostgreSQL.
        config.getOptionalValue("WARDEN_DB_SCHEMA", String.class)
                .ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
        schemaVersion = flyway.load().migrate().targetSchemaVersion;
        entityManagers = provider().createContainerEntityManagerFactory(new WardenPersistenceUnit(dataSource),
                providerProperties());
    }

    @PreDestroy
    void close() {
        if (entityManagers != null && entityManagers.isOpen()) {
            entityManagers.close();
        }
        if (embeddedPool != null) {
            embeddedPool.dispose();
        }
    }

    /** Whether the store answers now (a connection, validated within 2 s), and the schema it was migrated to. */
    public Health health() {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(2);
            return new Health(valid, schemaVersion, valid ? null : "the connection did not validate");
        } catch (java.sql.SQLException | RuntimeException e) {
            return new Health(false, schemaVersion, e.getClass().getSimpleName());
        }
    }

    /** The raw data source, for the audit log's batch inserts and streamed exports. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction and returns its result; a store failure becomes a 503. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = entityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (PersistenceException e) {
            throw new StoreUnavailableException("The store refused the change", e);
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /**
     * Runs JDBC {@code work} in one transaction and returns its result; a store failure becomes a 503. For the writes
     * of the hot path (a session and its messages per {@code invoke}), where JPA's unit of work cost more than the
     * rows themselves; JPA reads see them (the persistence unit keeps no shared cache).
     */
    public <T> T inJdbcTransaction(JdbcTransactions.Work<T> work) {
        return JdbcTransactions.run(dataSource, "The store refused the change", work);
    }

    /** Runs read-only {@code work}; a store failure becomes a 503. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = entityManager();
        try {
            return work.apply(em);
        } catch (PersistenceException e) {
            throw new StoreUnavailableException("The store is unavailable", e);
        } finally {
            em.close();
        }
    }

    private EntityManager entityManager() {
        try {
            return entityManagers.createEntityManager();
        } catch (PersistenceException e) {
            throw new StoreUnavailableException("The store is unavailable", e);
        }
    }

    private static DataSource lookup(String jndi) {
        try {
            return (DataSource) new InitialContext().lookup(jndi);
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("WARDEN_DATASOURCE '" + jndi + "' is not a data source in JNDI: "
                    + e.getMessage(), e);
        }
    }

    private static PersistenceProvider provider() {
        List<PersistenceProvider> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders();
        if (providers.isEmpty()) {
            throw new IllegalStateException("The server offers no Jakarta Persistence provider");
        }
        return providers.get(0);
    }

    /** Provider switches that keep both EclipseLink and Hibernate away from the schema Flyway owns. */
    private static Map<String, Object> providerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.schema-generation.database.action", "none");
        properties.put("eclipselink.weaving", "false");
        properties.put("eclipselink.logging.level", "WARNING");
        properties.put("eclipselink.cache.shared.default", "false");
        properties.put("hibernate.hbm2ddl.auto", "none");
        return properties;
    }
}
