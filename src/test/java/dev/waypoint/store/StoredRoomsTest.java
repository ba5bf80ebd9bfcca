package dev.waypoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Pin;
import dev.waypoint.room.Outbox;
import dev.waypoint.room.Room;
import dev.waypoint.room.RoomContext;
import dev.waypoint.room.RoomRegistry;
import dev.waypoint.room.WriteBehind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rooms, the writer and the real database together: many idle rooms leave memory and come back as they were, through
 * the same code the server runs (the embedded H2 here; PostgreSQL in the subclass).
 */
class StoredRoomsTest {

    @TempDir
    Path dataDir;

    final AtomicLong now = new AtomicLong(Instant.parse("2026-11-27T12:00:00Z").toEpochMilli());
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    Database database;
    WriteBehind writer;
    RoomRegistry registry;

    Database.Location location() {
        return Database.Location.embedded(dataDir);
    }

    @BeforeEach
    void open() {
        start();
    }

    void start() {
        database = Database.open(location());
        JpaRoomStore store = new JpaRoomStore(database.factory());
        writer = new WriteBehind(store, Thread::new);
        registry = new RoomRegistry(new RoomContext(MessageCodec::encode, Limits.DEFAULTS, clock, RoomContext.NO_MEETUPS,
                store, writer), Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        writer.close();
        database.close();
    }

    @Test
    void manyIdleRoomsLeaveMemoryAndComeBackAsTheyWere() throws Exception {
        int rooms = 300;
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            Room room = registry.room("room-" + i);
            room.setPin(new Location(i % 90, i % 180));
            versions.add(room.version());
        }
        Room last = registry.room("room-" + (rooms - 1));
        last.stored(last.version()).get(30, TimeUnit.SECONDS);
        assertEquals(rooms, registry.size());

        now.addAndGet(61_000);
        int evicted = 0;
        for (int attempt = 0; attempt < 50 && registry.size() > 0; attempt++) {
            evicted += registry.evictIdle();
            Thread.sleep(20);
        }
        assertEquals(rooms, evicted);
        assertEquals(0, registry.size(), "a server with many stored rooms and none active holds none");

        for (int i = 0; i < rooms; i += 37) {
            Room back = registry.room("room-" + i);
            assertEquals(versions.get(i), back.version());
            assertEquals(new Location(i % 90, i % 180), back.pin().orElseThrow());
        }
    }

    @Test
    void roomsOutliveTheServer() throws Exception {
        Room room = registry.room("kept");
        DroppingOutbox seen = new DroppingOutbox();
        registry.join("kept", seen.outbox, 1);
        room.setPin(new Location(48.85, 2.35));
        room.stored(room.version()).get(30, TimeUnit.SECONDS);
        List<Pin> before = room.pins();
        long version = room.version();

        close();
        start();
        Room back = registry.room("kept");
        assertEquals(before, back.pins());
        assertTrue(back.version() >= version);
    }

    /** An outbox whose frames are dropped: these tests look at the room, not at what was sent. */
    static final class DroppingOutbox {
        final Outbox outbox = new Outbox(new Outbox.Transport() {
            @Override
            public void send(String frame, Outbox.Completion done) {
                done.completed(true);
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 100_000);
    }
}
