package dev.waypoint.message;

/** {@code {"type":"pinUpdate","location":{"lat":..,"lng":..}}}: the room's pin is now {@code location}. */
public record PinUpdate(Location location) implements ServerMessage {
}
