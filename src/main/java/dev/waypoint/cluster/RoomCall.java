package dev.waypoint.cluster;

/**
 * A request over HTTP for a room (list or save sessions, restore one, export or import GeoJSON), in a form that can
 * travel to the instance that owns the room: an operation's name and up to two text arguments.
 */
public record RoomCall(String operation, String first, String second) {

    public static RoomCall of(String operation) {
        return new RoomCall(operation, null, null);
    }

    public static RoomCall of(String operation, String first) {
        return new RoomCall(operation, first, null);
    }
}
