package dev.waypoint.cluster;

import dev.waypoint.message.ClientMessage;

/** One client connection in its room, wherever the room is. */
public interface RoomConnection {

    /** Hands the client's request to the room, in the order the client sent it. */
    void receive(ClientMessage message);

    /** The connection is gone: leaves the room. Idempotent. */
    void leave();
}
