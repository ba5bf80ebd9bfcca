package dev.waypoint.store;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Opens Waypoint's database: brings its schema up to date with Flyway (the SQL files in db/migration, applied once
 * each, in order, recorded in flyway_schema_history: a new release adds a file, and every database it meets is
 * migrated at start) and builds the persistence unit on it.
 *
 * <p>Why Flyway rather than the provider's schema generation: generation can create tables but not change them
 * safely (rename a column, move data), and it differs between providers; plain SQL files run the same on H2 and on
 * PostgreSQL and can be reviewed like code.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** Where the rows are: a JDBC URL with its user and password, or a data source of the container. */
    public record Location(String url, String user, String password, DataSource dataSource) {

        /** The embedded default: an H2 file database in {@code dataDir}, created with it if missing. */
        public static Location embedded(Path dataDir) {
            Path file = dataDir.toAbsolutePath().normalize().resolve("waypoint");
            // WRITE_DELAY=0: each commit reaches the file before it returns (H2 otherwise writes up to a second
            // later, and a killed process would lose commits that clients already saw). DB_CLOSE_ON_EXIT=FALSE:
            // the application closes the database itself, after its last write, not a JVM shutdown hook before it.
            return new Location("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "waypoint", "",
                    null);
        }

        /** What to tell people: the URL without credentials, or the data source. */
        public String describe() {
            return dataSource != null ? "data source " + dataSource : url;
        }
    }

    private final EntityManagerFactory factory;
    private final Location location;

    private Database(EntityManagerFactory factory, Location location) {
        this.factory = factory;
        this.location = location;
    }

    /** Migrates the schema and opens the persistence unit; fails with a message that says what to fix. */
    public static Database open(Location location) {
        ClassLoader loader = Database.class.getClassLoader();
        DataSource dataSource = location.dataSource() != null ? location.dataSource()
                : new DriverDataSource(location.url(), location.user(), location.password());
        if (location.url() != null) {
            try {
                Class.forName(driverOf(location.url()), true, loader); // registers it with DriverManager
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("No JDBC driver for " + location.url(), e);
            }
            if (location.url().startsWith("jdbc:h2:file:")) {
                createDirectoryOf(location.url());
            }
        }
        Flyway.configure(loader).dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        Properties properties = new Properties();
        properties.put("eclipselink.weaving", "false");
        properties.put("eclipselink.target-server", "None"); // resource-local: no JTA, whatever the server
        properties.put("eclipselink.logging.level", "WARNING");
        properties.put("eclipselink.jdbc.batch-writing", "JDBC");
        properties.put("eclipselink.ddl-generation", "none");
        properties.put("hibernate.hbm2ddl.auto", "none");
        Map<String, Object> overrides = new java.util.HashMap<>();
        if (location.dataSource() == null) {
            // The provider's own connection pool, on the URL (a data source of the container brings its own pool).
            properties.put("jakarta.persistence.jdbc.url", location.url());
            properties.put("jakarta.persistence.jdbc.user", location.user());
            properties.put("jakarta.persistence.jdbc.password", location.password());
            properties.put("jakarta.persistence.jdbc.driver", driverOf(location.url()));
            properties.put("eclipselink.connection-pool.default.initial", "1");
            properties.put("eclipselink.connection-pool.default.min", "1");
            properties.put("eclipselink.connection-pool.default.max", "8");
        }
        WaypointPersistenceUnit unit = new WaypointPersistenceUnit(location.dataSource(), properties, loader);
        EntityManagerFactory factory = provider().createContainerEntityManagerFactory(unit, overrides);
        factory.createEntityManager().close(); // connect now: a wrong URL or password fails the start, not a write
        LOG.info("Rooms are stored in " + location.describe());
        return new Database(factory, location);
    }

    private static String driverOf(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return "org.h2.Driver";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        try {
            return DriverManager.getDriver(url).getClass().getName();
        } catch (SQLException e) {
            throw new IllegalStateException("No JDBC driver for " + url + ": Waypoint ships H2 and PostgreSQL", e);
        }
    }

    private static void createDirectoryOf(String url) {
        String path = url.substring("jdbc:h2:file:".length());
        int options = path.indexOf(';');
        Path file = Path.of(options < 0 ? path : path.substring(0, options));
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + file.getParent()
                    + " (waypoint.data.dir): " + e.getMessage(), e);
        }
    }

    // The JPA provider of the server (EclipseLink on Payara), or the one on the class path in tests.
    private static PersistenceProvider provider() {
        List<PersistenceProvider> providers = new ArrayList<>(
                PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders());
        for (String known : List.of("org.eclipse.persistence.jpa.PersistenceProvider",
                "org.hibernate.jpa.HibernatePersistenceProvider")) {
            if (providers.isEmpty()) {
                try {
                    providers.add((PersistenceProvider) Class.forName(known, true, Database.class.getClassLoader())
                            .getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException | LinkageError notThere) {
                    // try the next one
                }
            }
        }
        if (providers.isEmpty()) {
            throw new IllegalStateException("No Jakarta Persistence provider: deploy Waypoint on a Jakarta EE server");
        }
        return providers.get(0);
    }

    public EntityManagerFactory factory() {
        return factory;
    }

    public Location location() {
        return location;
    }

    @Override
    public void close() {
        factory.close();
        if (location.url() != null && location.url().startsWith("jdbc:h2:")) {
            try (Connection connection = DriverManager.getConnection(location.url(), location.user(),
                    location.password())) {
                connection.createStatement().execute("SHUTDOWN"); // close the file now; the next start opens it
            } catch (SQLException e) {
                LOG.warning("Could not shut the embedded database down: " + e.getMessage());
            }
        }
    }

    /** A data source over DriverManager, for Flyway's few connections at start. */
    private record DriverDataSource(String url, String user, String password) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            return DriverManager.getConnection(url, username, pass);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
