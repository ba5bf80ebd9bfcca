package dev.waypoint.message;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of an {@code addPin}'s {@code pin} or an {@code updatePin}'s {@code set}, checked for their JSON types.
 * A {@code null} component means "not given"; for the clearable fields an empty {@link Optional} means "clear it"
 * (the request said {@code null}). Sizes and counts are the room's to check against its limits.
 */
public record PinEdit(Location location, String color, String label, Optional<String> description,
                      Optional<String> symbol, Optional<Metadata> metadata) {

    private static final Set<String> FIELDS = Set.of("location", "color", "label", "description", "symbol", "metadata");

    /** Reads {@code fields}; unknown keys are refused so that a typo does not pass silently. */
    public static PinEdit of(JsonFields fields) {
        JsonObject object = fields.object();
        for (String key : object.keySet()) {
            if (!FIELDS.contains(key)) {
                throw invalid("unknown pin field \"" + key + "\"; a pin has " + FIELDS);
            }
        }
        Location location = null;
        if (object.containsKey("location")) {
            if (!(object.get("location") instanceof JsonObject locationObject)) {
                throw invalid("location must be an object {\"lat\":..,\"lng\":..}");
            }
            try {
                location = Location.fromJson(locationObject);
            } catch (InvalidMessageException e) {
                throw invalid(e.getMessage());
            }
        }
        return new PinEdit(location, string(object, "color"), string(object, "label"),
                clearable(object, "description"), clearable(object, "symbol"), metadata(object));
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

    private static Optional<String> clearable(JsonObject object, String key) {
        if (!object.containsKey(key)) {
            return null;
        }
        return object.isNull(key) ? Optional.empty() : Optional.of(string(object, key));
    }

    private static Optional<Metadata> metadata(JsonObject object) {
        if (!object.containsKey("metadata")) {
            return null;
        }
        if (object.isNull("metadata")) {
            return Optional.empty();
        }
        if (!(object.get("metadata") instanceof JsonObject entries)) {
            throw invalid("metadata must be an object of strings, numbers and booleans");
        }
        return Optional.of(Metadata.fromJson(entries));
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorCode.INVALID_PIN, message);
    }
}
