package dev.waypoint.message;

/** Protocol version 2: {@code sync} asks for a fresh snapshot. */
public record Sync(String ref) implements ClientMessage {

    public Sync {
        ref = Refs.check(ref);
    }
}
