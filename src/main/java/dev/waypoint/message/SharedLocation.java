package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A participant's shared position; {@code accuracy} in metres, when the browser gave one. */
@JsonbPropertyOrder({"lat", "lng", "accuracy"})
public record SharedLocation(double lat, double lng, Double accuracy) {
}
