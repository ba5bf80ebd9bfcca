package dev.waypoint.message;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fields of an {@code addRoute}'s {@code route} or an {@code updateRoute}'s {@code set}, checked for their JSON
 * types; a null component means "not given". Counts, sizes and pin ids are the room's to check.
 */
public record RouteEdit(List<RoutePoint> points, String color, String label) {

    private static final Set<String> FIELDS = Set.of("points", "color", "label");

    public static RouteEdit of(JsonFields fields) {
        JsonObject object = fields.object();
        for (String key : object.keySet()) {
            if (!FIELDS.contains(key)) {
                throw invalid("unknown route field \"" + key + "\"; a route has " + FIELDS);
            }
        }
        List<RoutePoint> points = null;
        if (object.containsKey("points")) {
            if (!(object.get("points") instanceof JsonArray array)) {
                throw invalid("points must be an array of {\"pinId\":..} or {\"lat\":..,\"lng\":..}");
            }
            points = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                points.add(RoutePoint.fromJson(array.get(i), i));
            }
        }
        return new RouteEdit(points == null ? null : List.copyOf(points), string(object, "color"), string(object, "label"));
    }

    private static String string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw invalid(key + " must be a string, not " + JsonTypes.describe(value));
        }
        return string.getString();
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorCode.INVALID_ROUTE, message);
    }
}
