package dev.waypoint.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.flakeidgen.FlakeIdGenerator;
import com.hazelcast.map.IMap;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.SessionInfo;
import dev.waypoint.room.RoomStore;
import dev.waypoint.room.RoomWrite;
import dev.waypoint.room.SavedSession;
import dev.waypoint.room.StoredRoom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rooms and saved sessions kept in the data grid, for a cluster without a shared database: grid maps
 * {@value #ROOMS} and {@value #SESSIONS}, with Hazelcast's default of one synchronous backup, so that a write has
 * reached two instances when it returns and the loss of any one instance loses nothing. Everything is lost when the
 * whole cluster stops: for rooms that outlast the cluster, give every instance the same PostgreSQL database
 * ({@code waypoint.db.url}).
 *
 * <p>Values are the protocol's JSON (strings only cross the grid: see {@link GridRooms}). A room is one entry, written
 * whole by its owner; a commit reads the rooms it writes in one call and writes them in another ({@code getAll},
 * {@code putAll}, which returns once the backups have them). Writes are atomic per room, not across rooms: a failed
 * write throws and the rooms write again, which is harmless since each write states the room as it is.
 */
public final class GridRoomStore implements RoomStore {

    static final String ROOMS = "waypoint-rooms";
    static final String SESSIONS = "waypoint-sessions";

    private final IMap<String, String> rooms;
    private final IMap<String, String> sessions;
    private final FlakeIdGenerator sessionIds;

    public GridRoomStore(HazelcastInstance grid) {
        this.rooms = grid.getMap(ROOMS);
        this.sessions = grid.getMap(SESSIONS);
        this.sessionIds = grid.getFlakeIdGenerator("waypoint-session-ids");
    }

    /** For callers that must not name Hazelcast's classes: {@code grid} is a {@code HazelcastInstance}. */
    public static GridRoomStore on(Object grid) {
        return new GridRoomStore((HazelcastInstance) grid);
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public Optional<StoredRoom> load(String roomId) {
        return Optional.ofNullable(rooms.get(roomId)).map(json -> MessageCodec.decodeValue(json, StoredRoom.class));
    }

    @Override
    public void write(List<RoomWrite> writes) {
        // Two batched calls per commit, whatever the number of rooms: read them all, write them all.
        Set<String> ids = new HashSet<>();
        writes.forEach(w -> ids.add(w.roomId()));
        Map<String, String> stored = rooms.getAll(ids);
        Map<String, StoredRoom> next = new HashMap<>();
        for (RoomWrite write : writes) {
            StoredRoom current = next.get(write.roomId());
            if (current == null) {
                String json = stored.get(write.roomId());
                current = json == null ? StoredRoom.empty(write.roomId()) : MessageCodec.decodeValue(json, StoredRoom.class);
            }
            if (current.version() > write.version()) {
                continue; // a late write of an owner that has since been replaced: the room moved on without it
            }
            next.put(write.roomId(), apply(current, write));
        }
        Map<String, String> json = new HashMap<>();
        next.forEach((id, room) -> json.put(id, MessageCodec.encodeValue(room)));
        rooms.putAll(json);
    }

    static StoredRoom apply(StoredRoom current, RoomWrite write) {
        Map<String, Pin> pins = new LinkedHashMap<>();
        Map<String, Route> routes = new LinkedHashMap<>();
        if (!write.replace()) {
            current.pins().forEach(pin -> pins.put(pin.id(), pin));
            current.routes().forEach(route -> routes.put(route.id(), route));
        }
        write.savedPins().forEach(pin -> pins.put(pin.id(), pin));
        write.removedPins().forEach(pins::remove);
        write.savedRoutes().forEach(route -> routes.put(route.id(), route));
        write.removedRoutes().forEach(routes::remove);
        return new StoredRoom(write.roomId(), write.version(), write.pinSequence(), write.routeSequence(),
                List.copyOf(pins.values()), List.copyOf(routes.values()));
    }

    /** A room's saved sessions, as one grid entry. */
    public record Shelf(List<SavedSession> sessions) {
        public Shelf {
            sessions = List.copyOf(sessions);
        }
    }

    private Shelf shelf(String roomId) {
        String json = sessions.get(roomId);
        return json == null ? new Shelf(List.of()) : MessageCodec.decodeValue(json, Shelf.class);
    }

    @Override
    public SessionInfo saveSession(String roomId, String name, String author, Instant savedAt, long roomVersion,
                                   List<Pin> pins, List<Route> routes) {
        SessionInfo info = new SessionInfo("s" + sessionIds.newId(), name, author, savedAt, roomVersion, pins.size(),
                routes.size());
        sessions.lock(roomId);
        try {
            List<SavedSession> list = new ArrayList<>(shelf(roomId).sessions());
            list.add(new SavedSession(info, pins, routes));
            sessions.set(roomId, MessageCodec.encodeValue(new Shelf(list)));
        } finally {
            sessions.unlock(roomId);
        }
        return info;
    }

    @Override
    public List<SessionInfo> sessions(String roomId) {
        List<SessionInfo> list = new ArrayList<>();
        shelf(roomId).sessions().forEach(s -> list.add(s.info()));
        list.sort(Comparator.comparing(SessionInfo::savedAt).thenComparing(SessionInfo::id).reversed());
        return list;
    }

    @Override
    public Optional<SavedSession> session(String roomId, String sessionId) {
        return shelf(roomId).sessions().stream().filter(s -> s.info().id().equals(sessionId)).findFirst();
    }

    @Override
    public boolean deleteSession(String roomId, String sessionId) {
        sessions.lock(roomId);
        try {
            List<SavedSession> list = new ArrayList<>(shelf(roomId).sessions());
            if (!list.removeIf(s -> s.info().id().equals(sessionId))) {
                return false;
            }
            sessions.set(roomId, MessageCodec.encodeValue(new Shelf(list)));
            return true;
        } finally {
            sessions.unlock(roomId);
        }
    }
}
