package dev.waypoint.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * The rules of RFC 7946 that a FeatureCollection of Points and LineStrings must follow, checked independently of the
 * code under test: members and their types (3.1, 3.2, 3.3), position order and ranges (3.1.1, 4: WGS 84 longitude
 * then latitude), at least two positions per LineString (3.1.4), no {@code crs} (4).
 */
final class Rfc7946 {

    private Rfc7946() {
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** Asserts that {@code json} is a valid FeatureCollection and returns it parsed. */
    static JsonObject assertValidFeatureCollection(String json) {
        JsonObject root = parse(json);
        assertEquals("FeatureCollection", root.getString("type"));
        assertFalse(root.containsKey("crs"), "RFC 7946 4: no crs member");
        JsonArray features = assertInstanceOf(JsonArray.class, root.get("features"), "3.3: features is an array");
        for (JsonValue value : features) {
            assertValidFeature(assertInstanceOf(JsonObject.class, value, "3.3: each feature is an object"));
        }
        return root;
    }

    private static void assertValidFeature(JsonObject feature) {
        assertEquals("Feature", feature.getString("type"));
        assertTrue(feature.containsKey("geometry"), "3.2: a Feature has a geometry member");
        assertTrue(feature.containsKey("properties"), "3.2: a Feature has a properties member");
        JsonValue properties = feature.get("properties");
        assertTrue(properties instanceof JsonObject || properties.getValueType() == JsonValue.ValueType.NULL,
                "3.2: properties is an object or null");
        if (feature.containsKey("id")) {
            JsonValue id = feature.get("id");
            assertTrue(id instanceof JsonString || id instanceof JsonNumber, "3.2: id is a string or a number");
        }
        assertFalse(feature.containsKey("crs"), "4: no crs member");
        JsonValue geometry = feature.get("geometry");
        if (geometry.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        JsonObject object = assertInstanceOf(JsonObject.class, geometry);
        assertFalse(object.containsKey("crs"), "4: no crs member");
        JsonArray coordinates = assertInstanceOf(JsonArray.class, object.get("coordinates"));
        switch (object.getString("type")) {
            case "Point" -> assertPosition(coordinates);
            case "LineString" -> {
                assertTrue(coordinates.size() >= 2, "3.1.4: a LineString has two or more positions");
                coordinates.forEach(Rfc7946::assertPosition);
            }
            default -> fail("the export writes Points and LineStrings only, got " + object.getString("type"));
        }
    }

    private static void assertPosition(JsonValue value) {
        JsonArray position = assertInstanceOf(JsonArray.class, value, "3.1.1: a position is an array");
        assertTrue(position.size() == 2 || position.size() == 3, "3.1.1: two or three elements");
        double lng = assertInstanceOf(JsonNumber.class, position.get(0)).doubleValue();
        double lat = assertInstanceOf(JsonNumber.class, position.get(1)).doubleValue();
        assertTrue(lng >= -180 && lng <= 180, "4: longitude first, within [-180, 180]: " + position);
        assertTrue(lat >= -90 && lat <= 90, "4: latitude second, within [-90, 90]: " + position);
    }
}
