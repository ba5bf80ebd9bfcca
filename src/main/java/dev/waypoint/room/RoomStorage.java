package dev.waypoint.room;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a server keeps its rooms: the store, the writer that rooms hand their changes to (a {@link WriteBehind} for a
 * durable store), and how long a room without connections stays in memory before it is dropped (to be loaded again
 * from the store on its next use).
 */
public record RoomStorage(RoomStore store, Consumer<Room> writes, Duration idleTimeout) {

    /** Rooms in memory only; a room leaves memory when it has neither members nor pins nor routes. */
    public static RoomStorage inMemory() {
        return new RoomStorage(RoomStore.inMemory(), room -> { }, Duration.ZERO);
    }
}
