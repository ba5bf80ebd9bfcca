package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A route of a room (protocol version 2): two or more points in order, with a colour and a label. Its length is the
 * clients' to show: the great-circle sum over its points as they are now (a pin point follows its pin).
 */
@JsonbPropertyOrder({"id", "points", "color", "label", "createdBy", "createdAt", "version"})
public record Route(String id, List<RoutePoint> points, String color, String label, String createdBy,
                    Instant createdAt, long version) {
}
