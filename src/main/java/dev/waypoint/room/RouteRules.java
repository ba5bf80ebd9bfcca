package dev.waypoint.room;

import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.RouteEdit;
import dev.waypoint.message.RoutePoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a route may hold, against a room's {@link Limits} and pins. Every violation names the field and the limit.
 * Public so that an import ({@code dev.waypoint.geojson}) checks routes with the very rules the room applies.
 */
public final class RouteRules {

    static final String DEFAULT_COLOR = "#1e88e5";
    static final String DEFAULT_LABEL = "Route";

    private final Limits limits;

    public RouteRules(Limits limits) {
        this.limits = limits;
    }

    /** A new route from an {@code addRoute}; its points are required. */
    public Route create(String id, RouteEdit edit, Map<String, Pin> pins, String createdBy, Instant now, long version) {
        if (edit.points() == null) {
            throw invalid("a new route needs points");
        }
        Route blank = new Route(id, List.of(), DEFAULT_COLOR, DEFAULT_LABEL, createdBy, now, version);
        return apply(blank, edit, pins, version);
    }

    /** {@code route} with the fields of {@code edit} applied. */
    public Route apply(Route route, RouteEdit edit, Map<String, Pin> pins, long version) {
        return new Route(route.id(),
                edit.points() != null ? points(edit.points(), pins) : route.points(),
                edit.color() != null ? TextRules.color(edit.color(), ErrorCode.INVALID_ROUTE) : route.color(),
                edit.label() != null ? TextRules.trimmed("label", edit.label(), limits.labelLength(), ErrorCode.INVALID_ROUTE)
                        : route.label(),
                route.createdBy(), route.createdAt(), version);
    }

    private List<RoutePoint> points(List<RoutePoint> points, Map<String, Pin> pins) {
        if (points.size() < 2 || points.size() > limits.routePoints()) {
            throw invalid("a route has 2 to " + limits.routePoints() + " points, got " + points.size());
        }
        for (int i = 0; i < points.size(); i++) {
            RoutePoint point = points.get(i);
            if (point.isPin() && !pins.containsKey(point.pinId())) {
                throw invalid("route point " + i + " names no pin of this room: \"" + point.pinId() + "\"");
            }
        }
        return points;
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorCode.INVALID_ROUTE, message);
    }
}
