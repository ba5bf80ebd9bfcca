package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: a pin changed; {@code pin} is the whole pin.
 * {@code version} is the room version this change produced; {@code ref} is set only in the copy sent to the
 * client whose request made the change.
 */
@JsonbPropertyOrder({"version", "pin", "ref"})
public record PinUpdated(long version, Pin pin, String ref) implements RoomChange {

    @Override
    public PinUpdated withRef(String ref) {
        return new PinUpdated(version, pin, ref);
    }
}
