package dev.waypoint.message;

/** Protocol version 2: {@code removePin} removes the pin {@code id}; with {@code baseVersion}, only if it did not change since. */
public record RemovePin(String id, Long baseVersion, String ref) implements ClientMessage {

    public RemovePin {
        if (id == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "removePin needs the id of a pin");
        }
        ref = Refs.check(ref);
    }
}
