package dev.waypoint.message;

/**
 * Protocol version 2: {@code updateRoute} changes the fields of route {@code id} given in {@code set}; with
 * {@code baseVersion}, only if the route did not change since that room version.
 */
public record UpdateRoute(String id, Long baseVersion, JsonFields set, String ref) implements ClientMessage {

    public UpdateRoute {
        if (id == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "updateRoute needs the id of a route");
        }
        if (set == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_ROUTE, "updateRoute needs \"set\": the fields to change");
        }
        ref = Refs.check(ref);
    }

    public RouteEdit edit() {
        return RouteEdit.of(set);
    }
}
