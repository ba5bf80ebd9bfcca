package dev.waypoint.message;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

/** Words for JSON-P parser events in error messages. */
final class JsonTypes {

    private JsonTypes() {
    }

    static String describe(JsonParser.Event event) {
        return switch (event) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> event.toString();
        };
    }

    static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
