package dev.waypoint.meetup;

import java.util.List;

/**
 * A route by road as a router returned it: the line to draw (at least two points, first near the start and last
 * near the end, both snapped to the road network by the router), its length and its travel time.
 */
public record RoadRoute(List<LatLng> points, double distanceMetres, double durationSeconds) {

    public RoadRoute {
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("a route needs at least two points, got " + points.size());
        }
        if (!(distanceMetres >= 0) || !(durationSeconds >= 0)
                || Double.isInfinite(distanceMetres) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException(
                    "distance and duration must be finite and >= 0, got " + distanceMetres + ", " + durationSeconds);
        }
    }
}
