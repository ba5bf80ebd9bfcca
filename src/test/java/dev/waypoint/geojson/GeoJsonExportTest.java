package dev.waypoint.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.RoutePoint;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeoJsonExportTest {

    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    static Metadata metadata() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("table", new BigDecimal("12"));
        values.put("booked", true);
        values.put("host", "Ana");
        values.put("price", new BigDecimal("-0.25"));
        values.put("big", new BigDecimal("1.5E+3"));
        return new Metadata(values);
    }

    static final Pin LUNCH = new Pin("p1", new Location(52.52, 13.405), "#1e88e5", "Lunch", "Back room", "🍕",
            metadata(), "Ana", T0, 7);
    static final Pin LEGACY = new Pin(Pin.LEGACY_ID, new Location(-33.8688, 151.2093), "#ff4136", "Pin", null, null,
            null, "Guest 1", T0, 3);
    static final Pin DATELINE = new Pin("p4", new Location(-17.7134, 179.9999999), "#43a047", "Fiji east", null,
            "icon:flag", null, "Bo", T0.plusSeconds(60), 9);
    static final Route WALK = new Route("r1", List.of(RoutePoint.pin("p1"), RoutePoint.at(new Location(52.51, 13.39)),
            RoutePoint.pin(Pin.LEGACY_ID)), "#e53935", "Walk to lunch", "Ana", T0.plusSeconds(300), 11);
    static final Route FREE = new Route("r2", List.of(RoutePoint.at(new Location(0, -179.5)),
            RoutePoint.at(new Location(1.25, -178))), "#1e88e5", "Route", "Bo", T0.plusSeconds(400), 12);

    static String exportSample() {
        return GeoJson.export("team-map", 12, List.of(LUNCH, LEGACY, DATELINE), List.of(WALK, FREE));
    }

    @Test
    void exportIsAValidRfc7946FeatureCollection() {
        JsonObject root = Rfc7946.assertValidFeatureCollection(exportSample());
        assertEquals(5, root.getJsonArray("features").size());
        JsonObject room = root.getJsonObject("waypoint");
        assertEquals("team-map", room.getString("room"));
        assertEquals(12, room.getJsonNumber("version").longValue());
    }

    @Test
    void aPinIsAPointFeatureWithLongitudeFirstAndAllItsFields() {
        JsonObject feature = feature(exportSample(), 0);
        assertEquals("p1", feature.getString("id"));
        JsonObject geometry = feature.getJsonObject("geometry");
        assertEquals("Point", geometry.getString("type"));
        JsonArray coordinates = geometry.getJsonArray("coordinates");
        assertEquals(13.405, coordinates.getJsonNumber(0).doubleValue(), "longitude first");
        assertEquals(52.52, coordinates.getJsonNumber(1).doubleValue(), "latitude second");
        JsonObject properties = feature.getJsonObject("properties");
        assertEquals("pin", properties.getString("waypoint"));
        assertEquals("p1", properties.getString("id"));
        assertEquals("Lunch", properties.getString("label"));
        assertEquals("#1e88e5", properties.getString("color"));
        assertEquals("Back room", properties.getString("description"));
        assertEquals("🍕", properties.getString("symbol"));
        JsonObject metadata = properties.getJsonObject("metadata");
        assertEquals(12, metadata.getInt("table"));
        assertEquals(JsonValue.TRUE, metadata.get("booked"), "a boolean stays a JSON boolean");
        assertEquals("Ana", metadata.getString("host"));
        assertEquals(new BigDecimal("-0.25"), metadata.getJsonNumber("price").bigDecimalValue());
        assertEquals("Ana", properties.getString("createdBy"));
        assertEquals("2026-11-27T09:00:00Z", properties.getString("createdAt"));
        assertEquals(7, properties.getInt("version"));
        // simplestyle, for geojson.io and uMap
        assertEquals("Lunch", properties.getString("title"));
        assertEquals("Lunch", properties.getString("name"));
        assertEquals("#1e88e5", properties.getString("marker-color"));
    }

    @Test
    void absentOptionalFieldsAreLeftOut() {
        JsonObject properties = feature(exportSample(), 1).getJsonObject("properties");
        assertEquals("legacy", properties.getString("id"));
        assertFalse(properties.containsKey("description"));
        assertFalse(properties.containsKey("symbol"));
        assertFalse(properties.containsKey("metadata"));
    }

    @Test
    void aRouteIsALineStringWhosePinPointsAreAtTheirPinsAndNamedInPinIds() {
        JsonObject feature = feature(exportSample(), 3);
        assertEquals("r1", feature.getString("id"));
        JsonObject geometry = feature.getJsonObject("geometry");
        assertEquals("LineString", geometry.getString("type"));
        JsonArray coordinates = geometry.getJsonArray("coordinates");
        assertEquals(3, coordinates.size());
        assertPosition(coordinates.getJsonArray(0), 13.405, 52.52);      // at pin p1
        assertPosition(coordinates.getJsonArray(1), 13.39, 52.51);       // the free point
        assertPosition(coordinates.getJsonArray(2), 151.2093, -33.8688); // at the legacy pin
        JsonObject properties = feature.getJsonObject("properties");
        assertEquals("route", properties.getString("waypoint"));
        assertEquals("Walk to lunch", properties.getString("label"));
        assertEquals("#e53935", properties.getString("color"));
        assertEquals("#e53935", properties.getString("stroke"));
        assertEquals("Walk to lunch", properties.getString("title"));
        JsonArray pinIds = properties.getJsonArray("pinIds");
        assertEquals("p1", pinIds.getString(0));
        assertTrue(pinIds.isNull(1));
        assertEquals("legacy", pinIds.getString(2));
        assertEquals(11, properties.getInt("version"));
    }

    @Test
    void aRouteOfFreePointsHasNoPinIds() {
        JsonObject properties = feature(exportSample(), 4).getJsonObject("properties");
        assertFalse(properties.containsKey("pinIds"));
    }

    @Test
    void anEmptyRoomIsAnEmptyFeatureCollection() {
        JsonObject root = Rfc7946.assertValidFeatureCollection(GeoJson.export("empty", 0, List.of(), List.of()));
        assertTrue(root.getJsonArray("features").isEmpty());
        assertTrue(GeoJson.read(GeoJson.export("empty", 0, List.of(), List.of()), Limits.DEFAULTS).pins().isEmpty());
    }

    @Test
    void aRouteThroughAPinThatIsNotExportedIsAProgrammingError() {
        Route orphan = new Route("r9", List.of(RoutePoint.pin("gone"), RoutePoint.at(new Location(1, 1))), "#000000",
                "Route", "Ana", T0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoJson.export("room", 1, List.of(LUNCH), List.of(orphan)));
        assertTrue(e.getMessage().contains("gone"), e.getMessage());
    }

    @Test
    void textIsEscapedAsJson() {
        Pin quoted = new Pin("p2", new Location(1, 2), "#000000", "\"Quoted\" \\ label\n", "line 1\nline 2</script>",
                null, new Metadata(Map.of("k\"ey", "va\"lue")), "Ana", T0, 1);
        JsonObject properties = Rfc7946.assertValidFeatureCollection(GeoJson.export("r", 1, List.of(quoted), List.of()))
                .getJsonArray("features").getJsonObject(0).getJsonObject("properties");
        assertEquals("\"Quoted\" \\ label\n", properties.getString("label"));
        assertEquals("va\"lue", properties.getJsonObject("metadata").getString("k\"ey"));
        assertEquals(Optional.of("line 1\nline 2</script>"),
                GeoJson.read(GeoJson.export("r", 1, List.of(quoted), List.of()), Limits.DEFAULTS).pins().get(0)
                        .description());
    }

    static JsonObject feature(String json, int index) {
        return Rfc7946.parse(json).getJsonArray("features").getJsonObject(index);
    }

    static void assertPosition(JsonArray position, double lng, double lat) {
        assertEquals(2, position.size());
        assertEquals(lng, position.getJsonNumber(0).doubleValue());
        assertEquals(lat, position.getJsonNumber(1).doubleValue());
    }
}
