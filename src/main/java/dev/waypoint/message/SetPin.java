package dev.waypoint.message;

/**
 * {@code {"type":"setPin","location":{"lat":..,"lng":..}}}: the room's pin becomes {@code location}, and every
 * connection of the room, the sender included, receives a {@link PinUpdate}.
 */
public record SetPin(Location location) implements ClientMessage {

    public SetPin {
        if (location == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_LOCATION, "setPin needs a location {\"lat\":..,\"lng\":..}");
        }
    }
}
