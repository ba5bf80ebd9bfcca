package dev.waypoint.room;

import dev.waypoint.message.Limits;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.ServerMessage;
import dev.waypoint.ops.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * All rooms of this server, by id. Rooms are created by their first join; a room with neither members nor pins is
 * dropped when its last member leaves. (Rooms with pins stay in memory until durable storage can hold them.)
 *
 * <p>Join and leave run inside {@link ConcurrentMap#compute}, so a join can never land in a room that a concurrent
 * leave is dropping.
 */
@ApplicationScoped
public class RoomRegistry {

    /** The room of a connection that names none, as in the demo. */
    public static final String DEFAULT_ROOM = "default-map";

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final Function<ServerMessage, String> encoder;
    private final Limits limits;
    private final Clock clock;
    private final MeetupService meetups;

    /** For the container's proxy only. */
    protected RoomRegistry() {
        this(MessageCodec::encode, Limits.DEFAULTS, Clock.systemUTC(), (sharing, done) -> done.accept(null));
    }

    /** The server's registry: error messages the rooms send are counted in {@code metrics}. */
    @Inject
    public RoomRegistry(Limits limits, MeetupService meetups, ServerMetrics metrics) {
        this(metrics.countingErrors(MessageCodec::encode), limits, Clock.systemUTC(), meetups);
    }

    public RoomRegistry(Function<ServerMessage, String> encoder, Limits limits, Clock clock, MeetupService meetups) {
        this.encoder = encoder;
        this.limits = limits;
        this.clock = clock;
        this.meetups = meetups;
    }

    /** The room id for a request's {@code id} parameter: missing or empty means {@link #DEFAULT_ROOM}. */
    public static String roomId(String requested) {
        return requested == null || requested.isEmpty() ? DEFAULT_ROOM : requested;
    }

    /** A connection in its room. */
    public record Membership(Room room, Member member) {
    }

    /** Adds a connection speaking {@code protocol} to a room, creating the room if needed. */
    public Membership join(String roomId, Outbox outbox, int protocol) {
        Membership[] joined = new Membership[1];
        rooms.compute(roomId, (id, room) -> {
            Room target = room != null ? room : new Room(id, encoder, limits, clock, meetups);
            joined[0] = new Membership(target, target.enter(outbox, protocol));
            return target;
        });
        joined[0].room().flushAll(); // outside the map's lock: frames may be written at once
        return joined[0];
    }

    /** Removes a connection from its room, dropping the room if nothing in it is worth keeping. */
    public void leave(Membership membership) {
        rooms.computeIfPresent(membership.room().id(), (id, current) -> {
            current.exit(membership.member());
            return current.isDisposable() ? null : current;
        });
        membership.room().afterLeave();
    }

    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    /** Rooms in memory now (for metrics and readiness; constant time). */
    public int roomCount() {
        return rooms.size();
    }
}
