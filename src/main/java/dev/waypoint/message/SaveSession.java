package dev.waypoint.message;

/** Protocol version 2: {@code saveSession} saves the room's pins and routes as they are now under {@code name}. */
public record SaveSession(String name, String ref) implements ClientMessage {

    public SaveSession {
        ref = Refs.check(ref);
    }
}
