package dev.agentwarden.store;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The persistence unit, described in code rather than in {@code persistence.xml}: the application owns its data
 * source (embedded H2 under {@code WARDEN_DATA_DIR}, or the operator's JNDI data source), so no server has to define
 * one, and the same WAR runs on EclipseLink (Payara) and Hibernate (WildFly). Flyway owns the schema.
 */
final class WardenPersistenceUnit implements PersistenceUnitInfo {

    static final List<String> ENTITIES = List.of(
            UserEntity.class.getName(), ApiKeyEntity.class.getName(),
            SessionEntity.class.getName(), MessageEntity.class.getName());

    private final DataSource dataSource;
    private final ClassLoader classLoader;

    WardenPersistenceUnit(DataSource dataSource) {
        this.dataSource = dataSource;
        this.classLoader = WardenPersistenceUnit.class.getClassLoader();
    }

    @Override
    public String getPersistenceUnitName() {
        return "agent-warden";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return null;
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        // The classes root (WEB-INF/classes/), found from this class's own resource: providers open it as a directory.
        String self = WardenPersistenceUnit.class.getName().replace('.', '/') + ".class";
        String url = WardenPersistenceUnit.class.getClassLoader().getResource(self).toString();
        try {
            return new URL(url.substring(0, url.length() - self.length()));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> getManagedClassNames() {
        return ENTITIES;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // No load-time weaving: entities are plain, and weaving would differ between servers.
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
