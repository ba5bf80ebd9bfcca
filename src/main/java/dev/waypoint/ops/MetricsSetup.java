package dev.waypoint.ops;

import dev.waypoint.room.RoomRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Makes the application's {@link ServerMetrics} on MicroProfile Metrics' application registry, and registers the
 * gauges beside its counters: {@value ServerMetrics#CONNECTIONS} (open now) and {@value ServerMetrics#ROOMS} (rooms
 * in memory). In Prometheus form ({@code GET /metrics}) they read {@code waypoint_messages_in_total},
 * {@code waypoint_errors_total{code="malformed_json"}}, {@code waypoint_rooms} and so on.
 */
@ApplicationScoped
public class MetricsSetup {

    private static final Logger LOG = Logger.getLogger(MetricsSetup.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    RoomRegistry rooms;

    /**
     * The one {@code ServerMetrics}. {@code @Singleton}, a pseudo-scope, so that it is injected as itself rather
     * than behind a client proxy: every count on a message's path is a direct call.
     */
    @Produces
    @Singleton
    ServerMetrics serverMetrics() {
        // A redeployment to a running server may find the previous deployment's metrics; its gauges would go on
        // reading that deployment's objects.
        removeOurs();
        ServerMetrics metrics = new ServerMetrics(registry::counter);
        registry.gauge(ServerMetrics.metadata(ServerMetrics.CONNECTIONS, "WebSocket connections open now"),
                metrics, ServerMetrics::openConnections);
        registry.gauge(ServerMetrics.metadata(ServerMetrics.ROOMS,
                "Rooms in memory: rooms with members, pins or routes"), rooms, RoomRegistry::roomCount);
        return metrics;
    }

    void dispose(@Disposes ServerMetrics metrics) {
        removeOurs();
    }

    /** Registers the metrics when the application starts, so that a scrape before any traffic reads zeros. */
    void start(@Observes Startup startup, ServerMetrics metrics) {
        LOG.log(Level.FINE, "metrics registered: {0} connections open", metrics.openConnections());
    }

    private void removeOurs() {
        try {
            registry.removeMatching((id, metric) -> id.getName().startsWith("waypoint."));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "could not remove earlier waypoint metrics", e);
        }
    }
}
