package dev.waypoint.message;

/** Protocol version 2: {@code addRoute} adds a route; {@code route} holds its fields (see {@link RouteEdit}). */
public record AddRoute(JsonFields route, String ref) implements ClientMessage {

    public AddRoute {
        if (route == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_ROUTE, "addRoute needs a route {\"points\":[..],..}");
        }
        ref = Refs.check(ref);
    }

    public RouteEdit edit() {
        return RouteEdit.of(route);
    }
}
