package dev.waypoint.store;

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
 * Waypoint's persistence unit, described in code rather than in a persistence.xml. An application server deploys
 * every persistence.xml it finds with the data source that file names, at deployment; Waypoint's data source is
 * chosen at start from MicroProfile Config (an embedded H2 file under waypoint.data.dir, a JDBC URL, or a JNDI data
 * source), so the unit is built here and handed to the provider through the standard SPI.
 */
final class WaypointPersistenceUnit implements PersistenceUnitInfo {

    static final List<String> ENTITIES = List.of(RoomRow.class.getName(), PinRow.class.getName(),
            RouteRow.class.getName(), SessionRow.class.getName());

    private final DataSource dataSource;
    private final Properties properties;
    private final ClassLoader classLoader;

    WaypointPersistenceUnit(DataSource dataSource, Properties properties, ClassLoader classLoader) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.classLoader = classLoader;
    }

    @Override
    public String getPersistenceUnitName() {
        return "waypoint";
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
        // The folder (or jar) the entities were loaded from, as a URL that ends in "/" for a folder: the code source's
        // location on Payara is the class file's folder without it, which the provider then tries to open as a jar.
        String entity = RoomRow.class.getName().replace('.', '/') + ".class";
        String url = RoomRow.class.getClassLoader().getResource(entity).toExternalForm();
        try {
            return new URL(url.substring(0, url.length() - entity.length()));
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
        return SharedCacheMode.NONE; // rooms are in memory already; a second copy in the provider's cache helps nothing
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return properties;
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
        // No weaving (eclipselink.weaving=false): the entities are plain rows, loaded once per room.
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
