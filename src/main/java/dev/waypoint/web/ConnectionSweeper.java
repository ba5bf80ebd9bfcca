package dev.waypoint.web;

import dev.waypoint.access.ExpiringConnections;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one scheduled task of open connections and who may connect, once a second: it closes the connections whose
 * token has expired ({@link MapEndpoint#expireIfDue}) among those that send nothing (a connection that sends is
 * checked on each message anyway), pings the connections that have been silent and closes those that do not answer
 * ({@link Liveness}), and forgets the client addresses of the HTTP API whose request budget is full again
 * ({@link dev.waypoint.access.RequestRates#prune}). No timer or thread per connection or address: a sweep that finds
 * no token due looks at the head of one sorted map, at each open connection's last sign of life, and at each
 * address the API saw in the last seconds.
 */
@ApplicationScoped
public class ConnectionSweeper {

    private static final Logger LOG = Logger.getLogger(ConnectionSweeper.class.getName());
    static final long PERIOD_MILLIS = 1000;

    @Inject
    AccessSettings access;

    @Inject
    ConnectionSettings settings;

    // One task a second: Payara's per-task cost (see TyrusSchedulerWorkaround) does not matter at that rate.
    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ExpiringConnections<MapEndpoint> expiring = new ExpiringConnections<>();
    private Liveness liveness;
    private ScheduledFuture<?> sweeping;

    @PostConstruct
    void init() {
        liveness = new Liveness(settings.pingAfter(), settings.pongTimeout(), System::nanoTime);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The connections with a token, by the deadline their token sets. */
    ExpiringConnections<MapEndpoint> expiring() {
        return expiring;
    }

    /** The open connections' last signs of life. */
    Liveness liveness() {
        return liveness;
    }

    private void sweep() {
        try {
            for (MapEndpoint connection : expiring.due(access.clock().millis())) {
                connection.expireIfDue();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not close connections whose token expired", e);
        }
        liveness.sweep(); // catches what one connection throws
        try {
            access.apiRates().prune();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not prune the HTTP API's request rates", e);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }
}
