package dev.waypoint.message;

/** Protocol version 2: {@code hello} sets the sender's display name and colour (both optional). */
public record Hello(String name, String color, String ref) implements ClientMessage {

    public Hello {
        ref = Refs.check(ref);
    }
}
