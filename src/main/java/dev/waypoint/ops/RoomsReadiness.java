package dev.waypoint.ops;

import dev.waypoint.room.RoomRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * The rooms' readiness: ready from the application's start until its shutdown begins (so that a load balancer
 * stops sending new connections to a server that is going away), with the number of rooms and connections.
 */
@ApplicationScoped
public class RoomsReadiness implements ReadinessCheck {

    private final RoomRegistry rooms;
    private final ServerMetrics metrics;
    private volatile boolean started;
    private volatile boolean stopping;

    /** For the container's proxy only. */
    protected RoomsReadiness() {
        this(null, null);
    }

    @Inject
    public RoomsReadiness(RoomRegistry rooms, ServerMetrics metrics) {
        this.rooms = rooms;
        this.metrics = metrics;
    }

    void started(@Observes Startup startup) {
        started = true;
    }

    void stopping(@Observes Shutdown shutdown) {
        stopping = true;
    }

    @Override
    public String name() {
        return "rooms";
    }

    @Override
    public Status check() {
        if (stopping) {
            return Status.notReady("shutting down");
        }
        if (!started) {
            return Status.notReady("starting");
        }
        return Status.ready(rooms.roomCount() + " rooms, " + metrics.openConnections() + " connections");
    }
}
