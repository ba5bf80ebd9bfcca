package dev.waypoint.room;

import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.ServerMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * All rooms of this server, by id. Rooms are created by their first join; a room with neither members nor a pin is
 * dropped when its last member leaves. (Rooms with a pin stay in memory until durable storage can hold them.)
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

    public RoomRegistry() {
        this(MessageCodec::encode);
    }

    public RoomRegistry(Function<ServerMessage, String> encoder) {
        this.encoder = encoder;
    }

    /** The room id for a request's {@code id} parameter: missing or empty means {@link #DEFAULT_ROOM}. */
    public static String roomId(String requested) {
        return requested == null || requested.isEmpty() ? DEFAULT_ROOM : requested;
    }

    /** Adds a member to a room, creating the room if needed, and returns the room. */
    public Room join(String roomId, Outbox member) {
        Room[] joined = new Room[1];
        rooms.compute(roomId, (id, room) -> {
            Room target = room != null ? room : new Room(id, encoder);
            target.enter(member);
            joined[0] = target;
            return target;
        });
        member.flush(); // outside the map's lock: the pin may be written at once
        return joined[0];
    }

    /** Removes a member from its room, dropping the room if nothing in it is worth keeping. */
    public void leave(Room room, Outbox member) {
        rooms.computeIfPresent(room.id(), (id, current) -> {
            current.leave(member);
            return current.isDisposable() ? null : current;
        });
    }

    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    /** Rooms in memory now. */
    public int size() {
        return rooms.size();
    }
}
