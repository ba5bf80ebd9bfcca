package dev.waypoint.message;

/** Protocol version 2: {@code stopSharing} stops sharing the sender's position. */
public record StopSharing(String ref) implements ClientMessage {

    public StopSharing {
        ref = Refs.check(ref);
    }
}
