package dev.waypoint.cluster;

import dev.waypoint.room.RoomRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    ManagedThreadFactory threadFactory;

    private volatile Rooms rooms;
    private ExecutorService gridThreads;

    @Produces
    @ApplicationScoped
    Rooms rooms() {
        Rooms made = grid.clustered() ? onGrid() : new LocalRooms(registry, calls);
        LOG.info("Rooms: " + made.describe());
        rooms = made;
        return made;
    }

    private Rooms onGrid() {
        // A pool of the server's managed threads, made once. Not the ManagedExecutorService: Payara captures the
        // caller's context on every task it is given, which scans the application's jars (measured: most of the CPU
        // of an instance receiving frames from another went there), and the grid hands over a task per batch.
        gridThreads = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), threadFactory);
        return GridRooms.on(grid.hazelcast(), registry, calls, gridThreads);
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
        if (gridThreads != null) {
            gridThreads.shutdown();
        }
    }
}
