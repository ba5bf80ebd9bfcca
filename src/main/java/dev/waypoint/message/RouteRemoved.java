package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: a route was removed.
 * {@code version} is the room version this change produced; {@code ref} is set only in the copy sent to the
 * client whose request made the change.
 */
@JsonbPropertyOrder({"version", "id", "ref"})
public record RouteRemoved(long version, String id, String ref) implements RoomChange {

    @Override
    public RouteRemoved withRef(String ref) {
        return new RouteRemoved(version, id, ref);
    }
}
