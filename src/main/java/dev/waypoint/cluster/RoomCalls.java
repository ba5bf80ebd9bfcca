package dev.waypoint.cluster;

import dev.waypoint.room.Room;

/**
 * What the HTTP API does with a room, run where the room lives. Implemented by the web layer; it must answer every
 * call with a reply (refusals included) rather than throw, since the caller may be on another instance.
 */
public interface RoomCalls {

    RoomReply run(Room room, RoomCall call);
}
