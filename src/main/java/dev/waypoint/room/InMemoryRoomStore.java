package dev.waypoint.room;

import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.SessionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RoomStore#inMemory()}: nothing lasts beyond this process. Rooms live in the registry only; saved sessions
 * live here, so that the feature works the same without a database.
 */
final class InMemoryRoomStore implements RoomStore {

    private final Map<String, Map<String, SavedSession>> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public boolean isDurable() {
        return false;
    }

    @Override
    public Optional<StoredRoom> load(String roomId) {
        return Optional.empty();
    }

    @Override
    public void write(List<RoomWrite> writes) {
        // Nothing to do: the room in memory is all there is.
    }

    @Override
    public SessionInfo saveSession(String roomId, String name, String author, Instant savedAt, long roomVersion,
                                   List<Pin> pins, List<Route> routes) {
        SessionInfo info = new SessionInfo("s" + sequence.incrementAndGet(), name, author, savedAt, roomVersion,
                pins.size(), routes.size());
        sessions.computeIfAbsent(roomId, id -> new ConcurrentHashMap<>()).put(info.id(), new SavedSession(info, pins, routes));
        return info;
    }

    @Override
    public List<SessionInfo> sessions(String roomId) {
        List<SessionInfo> list = new ArrayList<>();
        sessions.getOrDefault(roomId, Map.of()).values().forEach(s -> list.add(s.info()));
        list.sort(Comparator.comparing(SessionInfo::savedAt).thenComparing(SessionInfo::id).reversed());
        return list;
    }

    @Override
    public Optional<SavedSession> session(String roomId, String sessionId) {
        return Optional.ofNullable(sessions.getOrDefault(roomId, Map.of()).get(sessionId));
    }

    @Override
    public boolean deleteSession(String roomId, String sessionId) {
        Map<String, SavedSession> ofRoom = sessions.get(roomId);
        return ofRoom != null && ofRoom.remove(sessionId) != null;
    }
}
