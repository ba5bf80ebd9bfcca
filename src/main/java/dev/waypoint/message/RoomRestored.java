package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Protocol version 2: a saved session was restored. {@code pins} and {@code routes} are now the room's whole set of
 * pins and routes (each with this change's version); participants and the meetup are unchanged.
 */
@JsonbPropertyOrder({"version", "session", "pins", "routes", "ref"})
public record RoomRestored(long version, SessionInfo session, List<Pin> pins, List<Route> routes, String ref)
        implements RoomChange {

    @Override
    public RoomRestored withRef(String ref) {
        return new RoomRestored(version, session, pins, routes, ref);
    }
}
