package dev.waypoint.web;

import dev.waypoint.room.RoomRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens the rooms' storage when the application starts (so a database that cannot be reached fails the deployment,
 * not the first connection) and then drops idle rooms from memory every few seconds ({@link RoomRegistry#evictIdle}).
 * When the application stops, before the storage closes, it has the versions of rooms in memory stored
 * ({@link RoomRegistry#storeVersions}), so that a graceful restart gives every room back with the same version.
 */
@ApplicationScoped
public class RoomEviction {

    private static final Logger LOG = Logger.getLogger(RoomEviction.class.getName());

    @Inject
    RoomRegistry rooms;

    @Inject
    @ConfigProperty(name = "waypoint.rooms.idle-seconds", defaultValue = "60")
    long idleSeconds;

    // One task every few seconds: Payara's per-task cost (see TyrusSchedulerWorkaround) does not matter here.
    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> sweeping;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        rooms.size(); // creates the registry, and with it the storage
        long period = Math.max(1, Math.min(30, idleSeconds / 4));
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.SECONDS);
    }

    private void sweep() {
        try {
            int evicted = rooms.evictIdle();
            if (evicted > 0) {
                LOG.log(Level.FINE, "{0} idle room(s) left memory", evicted);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not evict idle rooms", e);
        }
    }

    // Fired before any application-scoped bean is destroyed, so before the storage's writer closes (and writes what
    // waits), whatever order the container destroys beans in.
    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
        stop();
        int asked = rooms.storeVersions();
        LOG.log(Level.INFO, "Stopping: {0} room(s) to store whose version moved on without a stored change", asked);
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }
}
