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
    default RoomConnection connect(String roomId, Outbox outbox, int protocol) {
        return connect(roomId, outbox, protocol, null);
    }

    /**
     * {@link #connect(String, Outbox, int)}, with a frame of the caller's ({@code greeting}; none if null) queued
     * right after the join's first frames, with no frame of the room between (the protocol's {@code access} after
     * the snapshot). Only at the first join: if the room moves to another instance and sends its first frames
     * again, no greeting follows them (what it said may have changed since, and was told then).
     */
    RoomConnection connect(String roomId, Outbox outbox, int protocol, String greeting);

    /**
     * Runs a request over HTTP on the room where it lives (here, or at its owner in a cluster), with the server's
     * {@link RoomCalls}, and returns its answer.
     */
    RoomReply call(String roomId, RoomCall call);

    /** What kind, for the log and the readiness report: "local", or "grid (N members)". */
    String describe();
}
