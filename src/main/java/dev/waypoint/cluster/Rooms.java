package dev.waypoint.cluster;

import dev.waypoint.room.Outbox;

/**
 * How connections reach their rooms: chosen once at start ({@link Grid}), the same for every connection.
 */
public interface Rooms {

    /**
     * Adds a connection speaking {@code protocol} (1 or 2) to a room. The room's frames for it, starting with the
     * first frames of a join (the snapshot, or the demo's current pin), go to {@code outbox}.
     */
    RoomConnection connect(String roomId, Outbox outbox, int protocol);

    /**
     * Runs a request over HTTP on the room where it lives (here, or at its owner in a cluster), with the server's
     * {@link RoomCalls}, and returns its answer.
     */
    RoomReply call(String roomId, RoomCall call);

    /** What kind, for the log and the readiness report: "local", or "grid (N members)". */
    String describe();
}
