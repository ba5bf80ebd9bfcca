package dev.waypoint.message;

/** A message only the server sends. */
public sealed interface ServerMessage extends Message permits Pong, PinUpdate, ErrorMessage, Snapshot, RoomChange, Sessions,
        SessionSaved, SessionDeleted, AccessInfo {
}
