package dev.waypoint.room;

import dev.waypoint.message.Limits;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.ServerMessage;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every room of a server shares: how frames are encoded, the limits, the clock, meetup planning, the store, and
 * {@code writes}, which a room calls (under its lock, so it must only hand over) when it has changes to write to a
 * durable store; the writer then calls {@link Room#drainWrite()} and {@link Room#written} or {@link Room#writeFailed}.
 */
public record RoomContext(Function<ServerMessage, String> encoder, Limits limits, Clock clock, MeetupService meetups,
                          RoomStore store, Consumer<Room> writes) {

    public RoomContext {
        Objects.requireNonNull(encoder);
        Objects.requireNonNull(limits);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(meetups);
        Objects.requireNonNull(store);
        Objects.requireNonNull(writes);
        if (!store.isDurable()) {
            writes = room -> { };
        }
    }

    /** No meetup planning. */
    public static final MeetupService NO_MEETUPS = (sharing, done) -> done.accept(null);

    /** Rooms in memory only, with the given limits, clock and meetup planning. */
    public static RoomContext inMemory(Function<ServerMessage, String> encoder, Limits limits, Clock clock,
                                       MeetupService meetups) {
        return new RoomContext(encoder, limits, clock, meetups, RoomStore.inMemory(), room -> { });
    }

    /** Rooms in memory only, with the protocol's encoder, default limits and the system clock. */
    public static RoomContext inMemory() {
        return inMemory(MessageCodec::encode, Limits.DEFAULTS, Clock.systemUTC(), NO_MEETUPS);
    }
}
