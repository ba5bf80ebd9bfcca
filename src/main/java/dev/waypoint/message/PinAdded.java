package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: a pin was added.
 * {@code version} is the room version this change produced; {@code ref} is set only in the copy sent to the
 * client whose request made the change.
 */
@JsonbPropertyOrder({"version", "pin", "ref"})
public record PinAdded(long version, Pin pin, String ref) implements RoomChange {

    @Override
    public PinAdded withRef(String ref) {
        return new PinAdded(version, pin, ref);
    }
}
