package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: a route was added.
 * {@code version} is the room version this change produced; {@code ref} is set only in the copy sent to the
 * client whose request made the change.
 */
@JsonbPropertyOrder({"version", "route", "ref"})
public record RouteAdded(long version, Route route, String ref) implements RoomChange {

    @Override
    public RouteAdded withRef(String ref) {
        return new RouteAdded(version, route, ref);
    }
}
