package dev.waypoint.message;

/** Protocol version 2: {@code listSessions} asks for the room's saved sessions, newest first. */
public record ListSessions(String ref) implements ClientMessage {

    public ListSessions {
        ref = Refs.check(ref);
    }
}
