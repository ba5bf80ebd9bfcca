package dev.waypoint.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waypoint.message.Limits;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.room.Outbox;
import dev.waypoint.room.RoomRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class RoomsReadinessTest {

    private final ServerMetrics metrics = ServerMetrics.standalone();
    private final RoomRegistry registry = new RoomRegistry(MessageCodec::encode, Limits.DEFAULTS, Clock.systemUTC(),
            (sharing, done) -> done.accept(null));
    private final RoomsReadiness readiness = new RoomsReadiness(registry, metrics);

    private static final Outbox.Transport DISCARD = new Outbox.Transport() {
        @Override
        public void send(String frame, Outbox.Completion done) {
            done.completed(true);
        }

        @Override
        public void close(int code, String reason) {
        }
    };

    @Test
    void notReadyUntilTheApplicationHasStarted() {
        assertEquals(ReadinessCheck.Status.notReady("starting"), readiness.check());
    }

    @Test
    void readyOnceStartedWithTheNumberOfRoomsAndConnections() {
        readiness.started(null);
        registry.join("a", new Outbox(DISCARD, 10), 1);
        registry.join("b", new Outbox(DISCARD, 10), 2);
        metrics.connectionOpened();
        metrics.connectionOpened();

        assertEquals(ReadinessCheck.Status.ready("2 rooms, 2 connections"), readiness.check());
    }

    @Test
    void notReadyOnceShutdownBegins() {
        readiness.started(null);
        readiness.stopping(null);

        assertEquals(ReadinessCheck.Status.notReady("shutting down"), readiness.check());
    }
}
