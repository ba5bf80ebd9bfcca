package dev.waypoint.cluster;

import dev.waypoint.room.RoomRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Produces the server's {@link Rooms}: on the grid when {@link Grid} found a cluster, else local. */
@ApplicationScoped
public class RoomsProducer {

    private static final Logger LOG = Logger.getLogger(RoomsProducer.class.getName());

    @Inject
    Grid grid;

    @Inject
    RoomRegistry registry;

    @Inject
    RoomCalls calls;

    @Resource
    ManagedExecutorService executor;

    private volatile Rooms rooms;

    @Produces
    @ApplicationScoped
    Rooms rooms() {
        Rooms made = grid.clustered() ? onGrid() : new LocalRooms(registry, calls);
        LOG.info("Rooms: " + made.describe());
        rooms = made;
        return made;
    }

    private Rooms onGrid() {
        return GridRooms.on(grid.hazelcast(), registry, calls, executor);
    }

    @PreDestroy
    void close() {
        if (rooms instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.fine("closing the rooms: " + e);
            }
        }
    }
}
