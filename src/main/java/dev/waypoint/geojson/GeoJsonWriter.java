package dev.waypoint.geojson;

import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.RoutePoint;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes a room as an RFC 7946 FeatureCollection; see {@link GeoJson#export}. */
final class GeoJsonWriter {

    /** Looked up once: the JSON-P provider lookup scans the class path, too slow to repeat per export. */
    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private GeoJsonWriter() {
    }

    static String write(String roomId, long version, List<Pin> pins, List<Route> routes) {
        Map<String, Location> pinLocations = new HashMap<>();
        pins.forEach(pin -> pinLocations.put(pin.id(), pin.location()));
        StringWriter out = new StringWriter();
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            json.writeStartObject();
            json.write("type", "FeatureCollection");
            json.writeStartObject(Vocabulary.ROOM_MEMBER);
            json.write("room", roomId);
            json.write("version", version);
            json.writeEnd();
            json.writeStartArray("features");
            pins.forEach(pin -> writePin(json, pin));
            routes.forEach(route -> writeRoute(json, route, pinLocations));
            json.writeEnd();
            json.writeEnd();
        }
        return out.toString();
    }

    private static void writePin(JsonGenerator json, Pin pin) {
        json.writeStartObject();
        json.write("type", "Feature");
        json.write("id", pin.id());
        json.writeStartObject("geometry");
        json.write("type", "Point");
        json.writeKey("coordinates");
        writePosition(json, pin.location());
        json.writeEnd();
        json.writeStartObject("properties");
        json.write(Vocabulary.KIND, Vocabulary.KIND_PIN);
        json.write("id", pin.id());
        json.write("label", pin.label());
        json.write("color", pin.color());
        if (pin.description() != null) {
            json.write("description", pin.description());
        }
        if (pin.symbol() != null) {
            json.write("symbol", pin.symbol());
        }
        if (pin.metadata() != null) {
            json.writeKey("metadata");
            writeMetadata(json, pin.metadata());
        }
        writeOrigin(json, pin.createdBy(), pin.createdAt(), pin.version());
        // simplestyle-spec 1.1.0, so that geojson.io and uMap show the pin as the room does
        json.write("title", pin.label());
        json.write("name", pin.label());
        json.write("marker-color", pin.color());
        json.writeEnd();
        json.writeEnd();
    }

    private static void writeRoute(JsonGenerator json, Route route, Map<String, Location> pinLocations) {
        json.writeStartObject();
        json.write("type", "Feature");
        json.write("id", route.id());
        json.writeStartObject("geometry");
        json.write("type", "LineString");
        json.writeStartArray("coordinates");
        boolean linked = false;
        for (RoutePoint point : route.points()) {
            if (point.isPin()) {
                Location location = pinLocations.get(point.pinId());
                if (location == null) {
                    throw new IllegalArgumentException("route " + route.id() + " passes pin " + point.pinId()
                            + ", which is not among the pins exported");
                }
                writePosition(json, location);
                linked = true;
            } else {
                writePosition(json, new Location(point.lat(), point.lng()));
            }
        }
        json.writeEnd();
        json.writeEnd();
        json.writeStartObject("properties");
        json.write(Vocabulary.KIND, Vocabulary.KIND_ROUTE);
        json.write("id", route.id());
        json.write("label", route.label());
        json.write("color", route.color());
        if (linked) {
            // one entry per position: the pin the point follows, or null for a free point
            json.writeStartArray(Vocabulary.PIN_IDS);
            for (RoutePoint point : route.points()) {
                if (point.isPin()) {
                    json.write(point.pinId());
                } else {
                    json.writeNull();
                }
            }
            json.writeEnd();
        }
        writeOrigin(json, route.createdBy(), route.createdAt(), route.version());
        json.write("title", route.label());
        json.write("name", route.label());
        json.write("stroke", route.color());
        json.writeEnd();
        json.writeEnd();
    }

    /** RFC 7946 3.1.1: longitude first. Full precision, so that a round trip restores the same place. */
    private static void writePosition(JsonGenerator json, Location location) {
        json.writeStartArray();
        json.write(location.lng());
        json.write(location.lat());
        json.writeEnd();
    }

    private static void writeMetadata(JsonGenerator json, Metadata metadata) {
        json.writeStartObject();
        metadata.values().forEach((key, value) -> {
            if (value instanceof Boolean b) {
                json.write(key, b);
            } else if (value instanceof BigDecimal number) {
                json.write(key, number);
            } else if (value instanceof Number number) {
                json.write(key, new BigDecimal(number.toString()));
            } else {
                json.write(key, String.valueOf(value));
            }
        });
        json.writeEnd();
    }

    private static void writeOrigin(JsonGenerator json, String createdBy, java.time.Instant createdAt, long version) {
        if (createdBy != null) {
            json.write("createdBy", createdBy);
        }
        if (createdAt != null) {
            json.write("createdAt", createdAt.toString());
        }
        json.write("version", version);
    }
}
