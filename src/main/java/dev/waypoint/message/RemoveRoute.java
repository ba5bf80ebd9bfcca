package dev.waypoint.message;

/** Protocol version 2: {@code removeRoute} removes the route {@code id}; with {@code baseVersion}, only if it did not change since. */
public record RemoveRoute(String id, Long baseVersion, String ref) implements ClientMessage {

    public RemoveRoute {
        if (id == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "removeRoute needs the id of a route");
        }
        ref = Refs.check(ref);
    }
}
