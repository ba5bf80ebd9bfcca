package dev.waypoint.room;

import static dev.waypoint.message.SampleLocations.NEW_YORK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.MessageCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomRegistryTest {

    private final RoomRegistry registry = new RoomRegistry(MessageCodec::encode, dev.waypoint.message.Limits.DEFAULTS, java.time.Clock.systemUTC(),
            (sharing, done) -> done.accept(null));

    @Test
    void missingOrEmptyRoomIdMeansTheDefaultRoom() {
        assertEquals("default-map", RoomRegistry.roomId(null));
        assertEquals("default-map", RoomRegistry.roomId(""));
        assertEquals("team a", RoomRegistry.roomId("team a"));
    }

    @Test
    void connectionsToOneIdShareARoomAndOtherIdsAreIsolated() {
        RecordingTransport inA = new RecordingTransport();
        RecordingTransport alsoInA = new RecordingTransport();
        RecordingTransport inB = new RecordingTransport();
        Room a = registry.join("a", new Outbox(inA, 10), 1).room();
        assertSame(a, registry.join("a", new Outbox(alsoInA, 10), 1).room());
        Room b = registry.join("b", new Outbox(inB, 10), 1).room();
        assertNotSame(a, b);

        a.setPin(NEW_YORK);

        assertEquals(1, inA.frames().size());
        assertEquals(1, alsoInA.frames().size());
        assertEquals(List.of(), inB.frames());
    }

    @Test
    void emptyRoomWithoutPinIsDropped() {
        RoomRegistry.Membership member = registry.join("passing", new Outbox(new RecordingTransport(), 10), 1);
        registry.leave(member);
        assertTrue(registry.find("passing").isEmpty());
    }

    @Test
    void emptyRoomWithAPinIsKeptForTheNextJoiner() {
        RoomRegistry.Membership member = registry.join("kept", new Outbox(new RecordingTransport(), 10), 1);
        member.room().setPin(NEW_YORK);
        registry.leave(member);

        RecordingTransport next = new RecordingTransport();
        registry.join("kept", new Outbox(next, 10), 1);
        assertEquals(List.of(MessageCodec.encode(new dev.waypoint.message.PinUpdate(NEW_YORK))), next.frames());
    }

    @Test
    void roomCountFollowsRoomsCreatedAndDropped() {
        assertEquals(0, registry.roomCount());
        RoomRegistry.Membership first = registry.join("one", new Outbox(new RecordingTransport(), 10), 1);
        registry.join("two", new Outbox(new RecordingTransport(), 10), 2);
        assertEquals(2, registry.roomCount());

        registry.leave(first);

        assertEquals(1, registry.roomCount());
    }
}
