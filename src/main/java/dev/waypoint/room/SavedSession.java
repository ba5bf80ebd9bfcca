package dev.waypoint.room;

import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.SessionInfo;
import java.util.List;

/** A saved session with its contents: the pins and routes of the room when it was saved. */
public record SavedSession(SessionInfo info, List<Pin> pins, List<Route> routes) {

    public SavedSession {
        pins = List.copyOf(pins);
        routes = List.copyOf(routes);
    }
}
