package dev.waypoint.room;

import dev.waypoint.message.Limits;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.ServerMessage;
import dev.waypoint.ops.ServerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * All rooms of this server that are in memory, by id. A room comes into memory on its first use (a join, or a
 * request over HTTP), from the store if it was stored before. It leaves memory when it has no members: at once if it
 * holds nothing (no pins, no routes), otherwise, with a durable store, once it has been idle for the storage's idle
 * timeout ({@link #evictIdle()}, called periodically). A server with many stored rooms and a few active ones thus
 * holds only the active ones. Without a durable store, rooms with pins stay in memory: there is nowhere else to keep them.
 *
 * <p>Join and leave run inside {@link ConcurrentMap#compute}, so a join can never land in a room that a concurrent
 * leave or eviction is dropping. Loading from the store happens outside that lock.
 */
@ApplicationScoped
public class RoomRegistry {

    /** The room of a connection that names none, as in the demo. */
    public static final String DEFAULT_ROOM = "default-map";

    private final ConcurrentMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final RoomContext context;
    private final long idleMillis;
    // Counts evictions, so that a room loaded from the store before an eviction of the same id is not put in memory
    // in place of the state that eviction has just stored (see room()).
    private final AtomicLong evictions = new AtomicLong();

    /** For the container's proxy only. */
    protected RoomRegistry() {
        this(RoomContext.inMemory(), Duration.ZERO);
    }

    /** The server's registry: error messages the rooms send are counted in {@code metrics}. */
    @Inject
    public RoomRegistry(Limits limits, MeetupService meetups, RoomStorage storage, ServerMetrics metrics) {
        this(new RoomContext(metrics.countingErrors(MessageCodec::encode), limits, Clock.systemUTC(), meetups,
                storage.store(), storage.writes()), storage.idleTimeout());
    }

    public RoomRegistry(Function<ServerMessage, String> encoder, Limits limits, Clock clock, MeetupService meetups) {
        this(RoomContext.inMemory(encoder, limits, clock, meetups), Duration.ZERO);
    }

    public RoomRegistry(RoomContext context, Duration idleTimeout) {
        this.context = context;
        this.idleMillis = idleTimeout.toMillis();
    }

    /** The room id for a request's {@code id} parameter: missing or empty means {@link #DEFAULT_ROOM}. */
    public static String roomId(String requested) {
        return requested == null || requested.isEmpty() ? DEFAULT_ROOM : requested;
    }

    /** A connection in its room. */
    public record Membership(Room room, Member member) {
    }

    /** Adds a connection speaking {@code protocol} to a room, loading or creating the room if needed. */
    public Membership join(String roomId, Outbox outbox, int protocol) {
        return join(roomId, outbox, protocol, null);
    }

    /** {@link #join(String, Outbox, int)} with a greeting right after the first frames: see {@link Room#join}. */
    public Membership join(String roomId, Outbox outbox, int protocol, String greeting) {
        while (true) {
            long epoch = evictions.get();
            Room loaded = rooms.containsKey(roomId) ? null : load(roomId);
            Membership[] joined = new Membership[1];
            rooms.compute(roomId, (id, room) -> {
                Room target = room != null ? room : loaded != null && epoch == evictions.get() ? loaded : null;
                if (target != null) {
                    joined[0] = new Membership(target, target.enter(outbox, protocol, greeting));
                }
                return target;
            });
            if (joined[0] != null) {
                joined[0].room().flushAll(); // outside the map's lock: frames may be written at once
                return joined[0];
            }
            // The room was evicted while it was loaded (or just now): load it again.
        }
    }

    /**
     * The room, loaded from the store or created if it is not in memory, without joining it (for requests over
     * HTTP). If nobody joins, it leaves memory again like any idle room.
     */
    public Room room(String roomId) {
        while (true) {
            Room present = rooms.get(roomId);
            if (present != null) {
                present.touch();
                return present;
            }
            long epoch = evictions.get();
            Room loaded = load(roomId);
            Room result = rooms.compute(roomId, (id, room) -> room != null ? room
                    : epoch == evictions.get() ? loaded : null);
            if (result != null) {
                return result;
            }
        }
    }

    private Room load(String roomId) {
        StoredRoom stored = context.store().load(roomId).orElseGet(() -> StoredRoom.empty(roomId));
        return new Room(stored, context);
    }

    /** Removes a connection from its room, dropping the room if nothing in it is worth keeping. */
    public void leave(Membership membership) {
        rooms.computeIfPresent(membership.room().id(), (id, current) -> {
            current.exit(membership.member());
            return current.isDisposable() ? null : current;
        });
        membership.room().afterLeave();
    }

    /**
     * Drops from memory every room that has had no members for the idle timeout and is fully stored.
     *
     * @return how many rooms were dropped
     */
    public int evictIdle() {
        long now = context.clock().millis();
        int evicted = 0;
        for (Room room : rooms.values()) {
            boolean[] dropped = new boolean[1];
            rooms.computeIfPresent(room.id(), (id, current) -> {
                if (current == room && current.isIdleSince(now, idleMillis)) {
                    evictions.incrementAndGet();
                    dropped[0] = true;
                    return null;
                }
                return current;
            });
            if (dropped[0]) {
                evicted++;
            }
        }
        return evicted;
    }

    /**
     * For a server that stops: asks the writer to store the version of every room in memory whose version moved on
     * without a stored change (joins and leaves are not stored changes), so that rooms come back with the versions
     * their clients last saw. The storage's writer writes what is waiting before it closes.
     *
     * @return how many rooms were asked to write
     */
    public int storeVersions() {
        int asked = 0;
        for (Room room : rooms.values()) {
            if (room.storeVersion()) {
                asked++;
            }
        }
        return asked;
    }

    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    /** Rooms in memory now. */
    public int size() {
        return rooms.size();
    }

    /** Rooms in memory now (for metrics and readiness; constant time). */
    public int roomCount() {
        return size();
    }

    public RoomContext context() {
        return context;
    }
}
