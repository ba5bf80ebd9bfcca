package dev.waypoint.geojson;

import dev.waypoint.message.Location;
import dev.waypoint.message.RouteEdit;
import dev.waypoint.message.RoutePoint;
import java.util.List;
import java.util.Objects;

/**
 * A route to add from a GeoJSON file. Its points are free points or links to pins of the same import (by their index
 * in {@link GeoJsonImport#pins()}): the room gives those pins their ids only when it adds them, so
 * {@link #toEdit(List)} makes the {@link RouteEdit} once it has them.
 *
 * @param points 2 to {@code routePoints} points, already checked
 * @param color  {@code #rrggbb}, or null for the room's default
 * @param label  1 to {@code labelLength} characters, or null for the room's default
 */
public record ImportedRoute(List<Point> points, String color, String label) {

    public ImportedRoute {
        points = List.copyOf(points);
    }

    /** A point of an imported route. */
    public sealed interface Point permits FreePoint, PinPoint {
    }

    /** A point at a place of its own. */
    public record FreePoint(Location location) implements Point {
        public FreePoint {
            Objects.requireNonNull(location);
        }
    }

    /** A point that follows the imported pin {@code pinIndex} (an index into {@link GeoJsonImport#pins()}). */
    public record PinPoint(int pinIndex) implements Point {
    }

    /**
     * The route as an {@code addRoute} would carry it.
     *
     * @param pinIds the ids the room gave the import's pins, in the order of {@link GeoJsonImport#pins()}
     */
    public RouteEdit toEdit(List<String> pinIds) {
        List<RoutePoint> edited = points.stream()
                .map(point -> point instanceof PinPoint pin ? RoutePoint.pin(pinIds.get(pin.pinIndex()))
                        : RoutePoint.at(((FreePoint) point).location()))
                .toList();
        return new RouteEdit(edited, color, label);
    }
}
