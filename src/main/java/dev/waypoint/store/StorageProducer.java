package dev.waypoint.store;

import dev.waypoint.room.RoomStorage;
import dev.waypoint.cluster.Grid;
import dev.waypoint.cluster.GridRoomStore;
import dev.waypoint.room.RoomStore;
import dev.waypoint.room.WriteBehind;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses where rooms are kept, from MicroProfile Config (system properties and environment variables override:
 * {@code -Dwaypoint.data.dir=...} or {@code WAYPOINT_DATA_DIR=...}):
 * <ul>
 *   <li>{@code waypoint.storage=database} (default): a database through Jakarta Persistence —
 *     <ul>
 *       <li>{@code waypoint.db.datasource}: the JNDI name of a data source of the server (e.g. {@code jdbc/waypoint}
 *         created with asadmin, see payara-config/), or else</li>
 *       <li>{@code waypoint.db.url} with {@code waypoint.db.user} and {@code waypoint.db.password} (PostgreSQL:
 *         {@code jdbc:postgresql://host/db}), or else</li>
 *       <li>the embedded default: an H2 file database in {@code waypoint.data.dir} (default {@code ~/.waypoint}).</li>
 *     </ul></li>
 *   <li>{@code waypoint.storage=grid}: the cluster's data grid ({@link GridRoomStore}: in memory on the instances, with
 *     backups; lasts while the cluster does);</li>
 *   <li>{@code waypoint.storage=memory}: nothing lasts beyond the process (for comparison and throwaway servers).</li>
 * </ul>
 * Unset, it is {@code database}, except on an instance of a cluster ({@link Grid}) that names no shared database
 * ({@code waypoint.db.url} or {@code waypoint.db.datasource}): there it is {@code grid}, since an embedded database
 * is this instance's alone and the room's next owner could not read it. For the same reason a clustered instance
 * refuses to start with {@code waypoint.storage=database} on the embedded database.
 * {@code waypoint.rooms.idle-seconds} (default 60) is how long a room without connections stays in memory.
 */
@ApplicationScoped
public class StorageProducer {

    private static final Logger LOG = Logger.getLogger(StorageProducer.class.getName());

    @Inject
    @ConfigProperty(name = "waypoint.storage")
    Optional<String> mode;

    @Inject
    Grid grid;

    @Inject
    @ConfigProperty(name = "waypoint.data.dir")
    Optional<String> dataDir;

    @Inject
    @ConfigProperty(name = "waypoint.db.datasource")
    Optional<String> dataSourceName;

    @Inject
    @ConfigProperty(name = "waypoint.db.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "waypoint.db.user", defaultValue = "waypoint")
    String user;

    @Inject
    @ConfigProperty(name = "waypoint.db.password") // MicroProfile Config treats "" as no value: hence Optional
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "waypoint.rooms.idle-seconds", defaultValue = "60")
    long idleSeconds;

    @Resource
    ManagedThreadFactory threads;

    private Database database;
    private WriteBehind writer;
    private RoomStorage storage;

    @PostConstruct
    void open() {
        Duration idle = Duration.ofSeconds(Math.max(0, idleSeconds));
        boolean shared = dataSourceName.isPresent() || url.isPresent();
        String chosen = mode.map(m -> m.trim().toLowerCase(java.util.Locale.ROOT))
                .orElse(grid.clustered() && !shared ? "grid" : "database");
        switch (chosen) {
            case "memory" -> {
                LOG.warning("waypoint.storage=memory: rooms are kept in memory only and are lost when the server stops");
                storage = RoomStorage.inMemory();
            }
            case "grid" -> {
                if (!grid.clustered()) {
                    throw new IllegalStateException("waypoint.storage=grid needs a cluster (see waypoint.cluster)");
                }
                LOG.info("Rooms are kept in the cluster's data grid, with backups; they last while the cluster does");
                RoomStore store = GridRoomStore.on(grid.hazelcast());
                writer = new WriteBehind(store, threads);
                storage = new RoomStorage(store, writer, idle);
            }
            case "database" -> {
                if (grid.clustered() && !shared) {
                    throw new IllegalStateException("This instance is part of a cluster, and an embedded database"
                            + " would be its own: set waypoint.db.url (PostgreSQL) so that every instance uses the"
                            + " same database, or waypoint.storage=grid");
                }
                database = Database.open(location());
                RoomStore store = new JpaRoomStore(database.factory());
                writer = new WriteBehind(store, threads);
                storage = new RoomStorage(store, writer, idle);
            }
            default -> throw new IllegalStateException("waypoint.storage must be database, grid or memory, not "
                    + chosen);
        }
    }

    private Database.Location location() {
        if (dataSourceName.isPresent()) {
            try {
                DataSource dataSource = (DataSource) new InitialContext().lookup(dataSourceName.get());
                return new Database.Location(null, null, null, dataSource);
            } catch (NamingException e) {
                throw new IllegalStateException("waypoint.db.datasource=" + dataSourceName.get()
                        + " names no data source of this server: " + e.getMessage(), e);
            }
        }
        if (url.isPresent()) {
            return new Database.Location(url.get(), user, password.orElse(""), null);
        }
        Path dir = dataDir.map(Path::of).orElseGet(() -> Path.of(System.getProperty("user.home"), ".waypoint"));
        return Database.Location.embedded(dir);
    }

    @Produces
    RoomStorage storage() {
        return storage;
    }

    /** The writer of a durable store, for health and metrics; empty in memory mode. */
    public Optional<WriteBehind> writer() {
        return Optional.ofNullable(writer);
    }

    @PreDestroy
    void close() {
        if (writer != null) {
            writer.close(); // writes what is waiting
        }
        if (database != null) {
            database.close();
        }
    }
}
