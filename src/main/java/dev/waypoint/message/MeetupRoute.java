package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** One participant's way to the meeting point; {@code durationSeconds} only when a road router gave it. */
@JsonbPropertyOrder({"participantId", "points", "distanceMeters", "durationSeconds"})
public record MeetupRoute(String participantId, List<Location> points, double distanceMeters, Double durationSeconds) {
}
