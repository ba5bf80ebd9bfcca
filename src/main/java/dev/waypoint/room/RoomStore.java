package dev.waypoint.room;

import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.SessionInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where rooms and their saved sessions last. The room's rules know only this interface; the database behind it
 * (dev.waypoint.store) is chosen at start. Every method may block on I/O: rooms call it outside their lock.
 */
public interface RoomStore {

    /**
     * True when rooms' changes must be written before clients see them. False for a store that keeps nothing
     * beyond this process ({@link #inMemory()}): rooms then skip the write path entirely and are never evicted
     * while they hold pins or routes.
     */
    boolean isDurable();

    /** The stored room, if it was ever stored. */
    Optional<StoredRoom> load(String roomId);

    /**
     * Writes the rooms' changes in one transaction: all of them are stored, or none (then this throws and the
     * rooms write them again later).
     */
    void write(List<RoomWrite> writes);

    /** Saves a session of a room (committed when this returns) and describes it. */
    SessionInfo saveSession(String roomId, String name, String author, Instant savedAt, long roomVersion,
                            List<Pin> pins, List<Route> routes);

    /** The room's saved sessions, newest first. */
    List<SessionInfo> sessions(String roomId);

    Optional<SavedSession> session(String roomId, String sessionId);

    /** @return false if the room has no such session */
    boolean deleteSession(String roomId, String sessionId);

    /** A store that keeps rooms in memory only, for as long as the rooms themselves are in memory. */
    static RoomStore inMemory() {
        return new InMemoryRoomStore();
    }
}
