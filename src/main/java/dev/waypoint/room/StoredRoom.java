package dev.waypoint.room;

import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import java.util.List;

/**
 * What lasts of a room: its pins and routes, its version and the sequences its next pin and route ids come from.
 * Participants, their shared locations and the meetup belong to live connections and are not stored.
 */
public record StoredRoom(String id, long version, long pinSequence, long routeSequence, List<Pin> pins,
                         List<Route> routes) {

    public StoredRoom {
        pins = List.copyOf(pins);
        routes = List.copyOf(routes);
    }

    /** A room that was never stored. */
    public static StoredRoom empty(String id) {
        return new StoredRoom(id, 0, 0, 0, List.of(), List.of());
    }
}
