package dev.waypoint.message;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;

/**
 * One point of a route: a pin of the room ({@code {"pinId":"p1"}}, following the pin when it moves) or a free point
 * ({@code {"lat":..,"lng":..}}). Exactly one of the two forms; the other's fields are null and left out of the JSON.
 */
@JsonbPropertyOrder({"pinId", "lat", "lng"})
public record RoutePoint(String pinId, Double lat, Double lng) {

    public static RoutePoint pin(String pinId) {
        return new RoutePoint(pinId, null, null);
    }

    public static RoutePoint at(Location location) {
        return new RoutePoint(null, location.lat(), location.lng());
    }

    @JsonbTransient
    public boolean isPin() {
        return pinId != null;
    }

    static RoutePoint fromJson(JsonValue value, int index) {
        if (!(value instanceof JsonObject point)) {
            throw invalid("route point " + index + " must be an object {\"pinId\":..} or {\"lat\":..,\"lng\":..}");
        }
        if (point.containsKey("pinId")) {
            if (point.size() != 1 || !(point.get("pinId") instanceof JsonString pinId)) {
                throw invalid("route point " + index + ": {\"pinId\":\"..\"} names a pin and nothing else");
            }
            return pin(pinId.getString());
        }
        try {
            return at(Location.fromJson(point));
        } catch (InvalidMessageException e) {
            throw invalid("route point " + index + ": " + e.getMessage());
        }
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorCode.INVALID_ROUTE, message);
    }
}
