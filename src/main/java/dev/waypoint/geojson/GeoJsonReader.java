package dev.waypoint.geojson;

import dev.waypoint.geojson.GeoJsonException.FeatureError;
import dev.waypoint.geojson.GeoJsonImport.Note;
import dev.waypoint.geojson.GeoJsonImport.Skipped;
import dev.waypoint.geojson.ImportedRoute.FreePoint;
import dev.waypoint.geojson.ImportedRoute.PinPoint;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Pin;
import dev.waypoint.message.PinEdit;
import dev.waypoint.message.RouteEdit;
import dev.waypoint.message.RoutePoint;
import dev.waypoint.room.PinRules;
import dev.waypoint.room.RouteRules;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Reads one GeoJSON file; see {@link GeoJson#read}. Strict about structure (an unreadable geometry refuses the file,
 * since importing the rest would silently lose part of it), lenient about properties (see {@link FeatureProperties}).
 * One instance per file.
 */
final class GeoJsonReader {

    /** The errors a refusal lists at most; past them it says how many more there were. */
    static final int MAX_ERRORS = 100;

    /** Looked up once: the JSON-P provider lookup scans the class path, too slow to repeat per file. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");

    /**
     * Names of WGS 84 longitude/latitude in a GeoJSON 2008 {@code crs} member. EPSG:4326 officially orders latitude
     * first, but GeoJSON files that name it (GDAL and others write it) hold longitude first, as RFC 7946 does.
     */
    private static final Set<String> WGS84 = Set.of("urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:ogc::crs84",
            "crs84", "urn:ogc:def:crs:epsg::4326", "urn:ogc:def:crs:epsg:4326", "epsg:4326",
            "http://www.opengis.net/def/crs/ogc/1.3/crs84", "http://www.opengis.net/def/crs/epsg/0/4326");

    /** How close (in degrees, about 1 cm) a route's position must be to a pin's to follow it after the import. */
    private static final double LINK_TOLERANCE = 1e-7;

    /** A pin key that names more than one pin of the file: no route point can follow it. */
    private static final int AMBIGUOUS = -1;

    private final Limits limits;
    private final PinRules pinRules;
    private final RouteRules routeRules;

    private final List<PinEdit> pins = new ArrayList<>();
    private final List<RouteDraft> routes = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<FeatureError> errors = new ArrayList<>();
    private int unlistedErrors;
    /** The pins a route may follow: a Point feature's id (or Waypoint's properties.id) to its index in {@link #pins}. */
    private final Map<String, Integer> pinKeys = new HashMap<>();

    /** A route read from a feature, before its pin links are resolved (its pins may come later in the file). */
    private record RouteDraft(int featureIndex, String featureId, List<Location> positions, String color, String label,
                              List<String> pinIds) {
    }

    /** A feature is refused: its message says where and why. Carries no stack trace, like the protocol's refusals. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    GeoJsonReader(Limits limits) {
        this.limits = Objects.requireNonNull(limits);
        this.pinRules = new PinRules(limits);
        this.routeRules = new RouteRules(limits);
    }

    GeoJsonImport read(String text) {
        if (text == null || text.isBlank()) {
            throw GeoJsonException.ofFile(ErrorCode.MALFORMED_JSON, "the file is empty");
        }
        try {
            MessageCodec.checkStructure(text); // one linear scan bounds the nesting before any parser sees the text
        } catch (InvalidMessageException e) {
            throw GeoJsonException.ofFile(e.code(), e.getMessage());
        }
        if (!(parse(text) instanceof JsonObject root)) {
            throw GeoJsonException.ofFile(ErrorCode.INVALID_GEOJSON,
                    "not GeoJSON: a GeoJSON file is a JSON object with a \"type\"");
        }
        String type = typeOf(root);
        if (type == null) {
            throw GeoJsonException.ofFile(ErrorCode.INVALID_GEOJSON, "not GeoJSON: the object has no \"type\" string"
                    + " (FeatureCollection, Feature or a geometry type)");
        }
        try {
            checkCrs(root, "the file's");
        } catch (Refusal r) {
            throw GeoJsonException.ofFile(ErrorCode.INVALID_GEOJSON, r.getMessage());
        }
        switch (type) {
            case "FeatureCollection" -> readCollection(root);
            case "Feature" -> readFeature(0, root);
            case "Topology" -> throw GeoJsonException.ofFile(ErrorCode.INVALID_GEOJSON,
                    "a TopoJSON file, not GeoJSON: convert it to GeoJSON first");
            case "umap" -> throw GeoJsonException.ofFile(ErrorCode.INVALID_GEOJSON,
                    "a uMap map backup, not GeoJSON: in uMap, download the data as GeoJSON");
            default -> {
                if (!GEOMETRY_TYPES.contains(type)) {
                    throw GeoJsonException.ofFile(ErrorCode.INVALID_GEOJSON, "not GeoJSON: unknown type \""
                            + FeatureProperties.shorten(type) + "\"; a GeoJSON file is a FeatureCollection, a Feature"
                            + " or a geometry");
                }
                try {
                    readGeometry(0, null, root, JsonValue.EMPTY_JSON_OBJECT, "");
                } catch (Refusal r) {
                    error(0, null, r.getMessage());
                }
            }
        }
        List<ImportedRoute> imported = resolveRoutes();
        if (pins.size() > limits.pinsPerRoom()) {
            fileError("the file has " + pins.size() + " pins; a room holds at most " + limits.pinsPerRoom());
        }
        if (routes.size() > limits.routesPerRoom()) {
            fileError("the file has " + routes.size() + " routes; a room holds at most " + limits.routesPerRoom());
        }
        if (!errors.isEmpty()) {
            if (unlistedErrors > 0) {
                errors.add(new FeatureError(FeatureError.FILE, null, "and " + unlistedErrors + " more invalid"
                        + " features, not listed"));
            }
            throw new GeoJsonException(ErrorCode.INVALID_GEOJSON, errors);
        }
        return new GeoJsonImport(pins, imported, skipped, notes);
    }

    private static JsonValue parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw GeoJsonException.ofFile(ErrorCode.MALFORMED_JSON, "not JSON: " + e.getMessage());
        } catch (RuntimeException e) { // JsonException and the implementation's own limits: nothing else escapes
            throw GeoJsonException.ofFile(ErrorCode.MALFORMED_JSON, "not JSON: " + e.getMessage());
        }
    }

    private void readCollection(JsonObject collection) {
        if (!(collection.get("features") instanceof JsonArray features)) {
            fileError("a FeatureCollection needs a \"features\" array");
            return;
        }
        for (int i = 0; i < features.size(); i++) {
            readFeature(i, features.get(i));
        }
    }

    private void readFeature(int index, JsonValue value) {
        String id = null;
        try {
            if (!(value instanceof JsonObject feature)) {
                throw new Refusal("a FeatureCollection holds Feature objects, not " + FeatureProperties.describe(value));
            }
            id = featureId(feature);
            String type = typeOf(feature);
            if (!"Feature".equals(type)) {
                if (type != null && GEOMETRY_TYPES.contains(type)) {
                    throw new Refusal("a bare " + type + " where a Feature belongs: wrap it in"
                            + " {\"type\":\"Feature\",\"geometry\":..,\"properties\":..}");
                }
                throw new Refusal(type == null ? "no \"type\": a FeatureCollection holds objects of type Feature"
                        : "type \"" + FeatureProperties.shorten(type) + "\" where a Feature belongs");
            }
            checkCrs(feature, "the feature's");
            JsonObject properties = properties(feature);
            JsonValue geometry = feature.get("geometry");
            if (geometry == null) {
                skipped.add(new Skipped(index, id, "no geometry: nothing to place on the map"));
            } else if (geometry.getValueType() == JsonValue.ValueType.NULL) {
                skipped.add(new Skipped(index, id, "geometry is null: nothing to place on the map"));
            } else if (geometry instanceof JsonObject object) {
                readGeometry(index, id, object, properties, "geometry");
            } else {
                throw new Refusal("geometry must be an object or null, not " + FeatureProperties.describe(geometry));
            }
        } catch (Refusal r) {
            error(index, id, r.getMessage());
        }
    }

    private static String featureId(JsonObject feature) {
        JsonValue id = feature.get("id");
        if (id == null || id.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (id instanceof JsonString string) {
            return string.getString();
        }
        if (id instanceof JsonNumber number) {
            return number.toString();
        }
        throw new Refusal("id must be a string or a number, not " + FeatureProperties.describe(id));
    }

    private static JsonObject properties(JsonObject feature) {
        JsonValue properties = feature.get("properties");
        if (properties == null || properties.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (properties instanceof JsonObject object) {
            return object;
        }
        throw new Refusal("properties must be an object or null, not " + FeatureProperties.describe(properties));
    }

    private void readGeometry(int index, String id, JsonObject geometry, JsonObject properties, String path) {
        checkCrs(geometry, "the geometry's");
        String type = typeOf(geometry);
        if (type == null) {
            throw new Refusal(path + " has no \"type\" string");
        }
        String at = path.isEmpty() ? "coordinates" : path + ".coordinates"; // path is empty for a bare geometry
        switch (type) {
            case "Point" -> {
                JsonArray coordinates = coordinates(geometry, at);
                if (coordinates.isEmpty()) {
                    skipped.add(new Skipped(index, id, "an empty Point: nothing to place on the map"));
                    return;
                }
                addPins(index, id, properties, List.of(position(coordinates, at)), true);
            }
            case "MultiPoint" -> {
                JsonArray coordinates = coordinates(geometry, at);
                if (coordinates.isEmpty()) {
                    skipped.add(new Skipped(index, id, "an empty MultiPoint: nothing to place on the map"));
                    return;
                }
                List<Location> points = new ArrayList<>(coordinates.size());
                for (int i = 0; i < coordinates.size(); i++) {
                    points.add(position(coordinates.get(i), at + "[" + i + "]"));
                }
                addPins(index, id, properties, points, false);
            }
            case "LineString" -> {
                JsonArray coordinates = coordinates(geometry, at);
                if (coordinates.isEmpty()) {
                    skipped.add(new Skipped(index, id, "an empty LineString: nothing to place on the map"));
                    return;
                }
                addRoutes(index, id, properties, List.of(line(coordinates, at)), true);
            }
            case "MultiLineString" -> {
                JsonArray coordinates = coordinates(geometry, at);
                if (coordinates.isEmpty()) {
                    skipped.add(new Skipped(index, id, "an empty MultiLineString: nothing to place on the map"));
                    return;
                }
                List<List<Location>> lines = new ArrayList<>(coordinates.size());
                for (int i = 0; i < coordinates.size(); i++) {
                    String lineAt = at + "[" + i + "]";
                    if (!(coordinates.get(i) instanceof JsonArray line)) {
                        throw new Refusal(lineAt + " must be an array of positions, not "
                                + FeatureProperties.describe(coordinates.get(i)));
                    }
                    lines.add(line(line, lineAt));
                }
                addRoutes(index, id, properties, lines, false);
            }
            case "Polygon", "MultiPolygon" -> skipped.add(new Skipped(index, id,
                    "a " + type + ": Waypoint has pins and routes, no areas"));
            case "GeometryCollection" -> skipped.add(new Skipped(index, id, "a GeometryCollection: Waypoint imports"
                    + " Point, MultiPoint, LineString and MultiLineString features, each geometry a feature of its own"));
            default -> throw new Refusal(path + " has type \"" + FeatureProperties.shorten(type)
                    + "\", which is no GeoJSON geometry (" + GEOMETRY_TYPES.stream().sorted().toList() + ")");
        }
    }

    private static JsonArray coordinates(JsonObject geometry, String at) {
        JsonValue coordinates = geometry.get("coordinates");
        if (coordinates == null) {
            throw new Refusal(at + " is missing");
        }
        if (!(coordinates instanceof JsonArray array)) {
            throw new Refusal(at + " must be an array, not " + FeatureProperties.describe(coordinates));
        }
        return array;
    }

    /** RFC 7946 3.1.1: [longitude, latitude], then an altitude (ignored) and nothing else of meaning. */
    private static Location position(JsonValue value, String at) {
        if (!(value instanceof JsonArray position) || position.size() < 2) {
            throw new Refusal(at + " must be a position [longitude, latitude], not " + (value instanceof JsonArray array
                    ? "an array of " + array.size() : FeatureProperties.describe(value)));
        }
        double lng = coordinate(position, 0, at);
        double lat = coordinate(position, 1, at);
        for (int i = 2; i < position.size(); i++) {
            coordinate(position, i, at); // an altitude: ignored, but a position holds numbers only
        }
        try {
            return new Location(lat, lng); // the room's rules: latitude within ±90, longitude wrapped into ±180
        } catch (InvalidMessageException e) {
            throw new Refusal(at + ": " + e.getMessage() + " (a GeoJSON position is [longitude, latitude])");
        }
    }

    private static double coordinate(JsonArray position, int i, String at) {
        JsonValue value = position.get(i);
        if (!(value instanceof JsonNumber number)) {
            throw new Refusal(at + "[" + i + "] must be a number, not " + FeatureProperties.describe(value));
        }
        try {
            return number.bigDecimalValue().doubleValue(); // 1e400 becomes infinite and is refused by Location
        } catch (RuntimeException e) { // the JSON-P implementation refuses some extreme exponents
            throw new Refusal(at + "[" + i + "] is a number out of any range: " + FeatureProperties.shorten(number.toString()));
        }
    }

    private static List<Location> line(JsonArray coordinates, String at) {
        if (coordinates.size() < 2) {
            throw new Refusal(at + " has " + coordinates.size() + " position" + (coordinates.size() == 1 ? "" : "s")
                    + "; a LineString has at least 2");
        }
        List<Location> line = new ArrayList<>(coordinates.size());
        for (int i = 0; i < coordinates.size(); i++) {
            line.add(position(coordinates.get(i), at + "[" + i + "]"));
        }
        return line;
    }

    private void addPins(int index, String id, JsonObject properties, List<Location> locations, boolean linkable) {
        FeatureProperties mapped = new FeatureProperties(properties, limits, pinRules, routeRules);
        FeatureProperties.PinFields fields = mapped.forPin();
        List<PinEdit> edits = locations.stream().map(fields::at).toList();
        for (PinEdit edit : edits) {
            try {
                pinRules.create("import", edit, null, Instant.EPOCH, 0); // what the room will do with it
            } catch (InvalidMessageException e) {
                throw new Refusal("the pin breaks the room's rules: " + e.getMessage());
            }
        }
        int first = pins.size();
        pins.addAll(edits);
        String key = id != null ? id : mapped.ownId();
        if (linkable && key != null) {
            pinKeys.merge(key, first, (a, b) -> AMBIGUOUS);
        }
        mapped.notes().forEach(note -> notes.add(new Note(index, id, note)));
    }

    private void addRoutes(int index, String id, JsonObject properties, List<List<Location>> lines, boolean linkable) {
        FeatureProperties mapped = new FeatureProperties(properties, limits, pinRules, routeRules);
        FeatureProperties.RouteFields fields = mapped.forRoute();
        List<String> featureNotes = new ArrayList<>(mapped.notes());
        List<String> pinIds = null;
        JsonValue rawPinIds = fields.pinIds();
        if (rawPinIds != null && rawPinIds.getValueType() != JsonValue.ValueType.NULL) {
            if (linkable) {
                pinIds = pinIds(rawPinIds, lines.get(0).size(), featureNotes);
            } else {
                featureNotes.add(Vocabulary.PIN_IDS + " dropped: only the points of a LineString follow pins");
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            List<RoutePoint> free = lines.get(i).stream().map(RoutePoint::at).toList();
            try {
                routeRules.create("import", new RouteEdit(free, fields.color(), fields.label()), Map.of(), null,
                        Instant.EPOCH, 0);
            } catch (InvalidMessageException e) {
                throw new Refusal((lines.size() > 1 ? "line " + i + ": " : "") + e.getMessage());
            }
        }
        for (List<Location> line : lines) {
            routes.add(new RouteDraft(index, id, line, fields.color(), fields.label(), pinIds));
        }
        featureNotes.forEach(note -> notes.add(new Note(index, id, note)));
    }

    /** Waypoint's pinIds: one string or null per position. Anything else is dropped with a note, the points stay free. */
    private static List<String> pinIds(JsonValue value, int positions, List<String> featureNotes) {
        if (!(value instanceof JsonArray array) || array.size() != positions) {
            featureNotes.add(Vocabulary.PIN_IDS + " dropped: it must be an array with one pin id or null per position ("
                    + positions + ")");
            return null;
        }
        List<String> ids = new ArrayList<>(positions);
        for (JsonValue entry : array) {
            if (entry instanceof JsonString string) {
                ids.add(string.getString());
            } else if (entry.getValueType() == JsonValue.ValueType.NULL) {
                ids.add(null);
            } else {
                featureNotes.add(Vocabulary.PIN_IDS + " dropped: its entries are pin ids (strings) or null, not "
                        + FeatureProperties.describe(entry));
                return null;
            }
        }
        return ids;
    }

    // Once every pin of the file is known: a point follows a pin when the file says so and the pin is where the point
    // is (a route point moved in another tool stays where it was put).
    private List<ImportedRoute> resolveRoutes() {
        List<String> placeholderIds = IntStream.range(0, pins.size()).mapToObj(i -> "#" + i).toList();
        Map<String, Pin> placeholderPins = new HashMap<>();
        Pin anyPin = new Pin("#", new Location(0, 0), "#000000", "Pin", null, null, null, null, null, 0);
        placeholderIds.forEach(placeholder -> placeholderPins.put(placeholder, anyPin));
        List<ImportedRoute> imported = new ArrayList<>(routes.size());
        for (RouteDraft draft : routes) {
            List<ImportedRoute.Point> points = new ArrayList<>(draft.positions().size());
            List<String> unknown = new ArrayList<>();
            List<String> moved = new ArrayList<>();
            for (int i = 0; i < draft.positions().size(); i++) {
                Location at = draft.positions().get(i);
                String pinId = draft.pinIds() == null ? null : draft.pinIds().get(i);
                Integer pin = pinId == null ? null : pinKeys.get(pinId);
                if (pinId == null) {
                    points.add(new FreePoint(at));
                } else if (pin == null || pin == AMBIGUOUS) {
                    unknown.add(i + " (\"" + FeatureProperties.shorten(pinId) + "\")");
                    points.add(new FreePoint(at));
                } else if (!near(pins.get(pin).location(), at)) {
                    moved.add(i + " (\"" + FeatureProperties.shorten(pinId) + "\")");
                    points.add(new FreePoint(at));
                } else {
                    points.add(new PinPoint(pin));
                }
            }
            if (!unknown.isEmpty()) {
                notes.add(new Note(draft.featureIndex(), draft.featureId(), "points " + String.join(", ", unknown)
                        + " follow pins that this file does not hold as one Point feature: imported as free points"));
            }
            if (!moved.isEmpty()) {
                notes.add(new Note(draft.featureIndex(), draft.featureId(), "points " + String.join(", ", moved)
                        + " are not where their pins are: imported as free points"));
            }
            ImportedRoute route = new ImportedRoute(points, draft.color(), draft.label());
            try {
                routeRules.create("import", route.toEdit(placeholderIds), placeholderPins, null, Instant.EPOCH, 0);
            } catch (InvalidMessageException e) {
                error(draft.featureIndex(), draft.featureId(), "the route breaks the room's rules: " + e.getMessage());
            }
            imported.add(route);
        }
        return imported;
    }

    private static boolean near(Location a, Location b) {
        return Math.abs(a.lat() - b.lat()) <= LINK_TOLERANCE && Math.abs(a.lng() - b.lng()) <= LINK_TOLERANCE;
    }

    /** A GeoJSON 2008 {@code crs} member: refused unless it names WGS 84 longitude/latitude (RFC 7946 has no crs). */
    private static void checkCrs(JsonObject object, String whose) {
        JsonValue crs = object.get("crs");
        if (crs == null || crs.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        String named = null;
        if (crs instanceof JsonObject member && member.get("type") instanceof JsonString type
                && type.getString().equals("name") && member.get("properties") instanceof JsonObject properties
                && properties.get("name") instanceof JsonString name) {
            named = name.getString();
            if (WGS84.contains(named.strip().toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        String shown = named != null ? "\"" + FeatureProperties.shorten(named) + "\""
                : FeatureProperties.shorten(crs.toString());
        throw new Refusal(whose + " crs " + shown + " is not WGS 84"
                + " longitude/latitude (urn:ogc:def:crs:OGC:1.3:CRS84), the only one GeoJSON (RFC 7946) has:"
                + " reproject the file first");
    }

    private static String typeOf(JsonObject object) {
        return object.get("type") instanceof JsonString type ? type.getString() : null;
    }

    private void error(int index, String id, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FeatureError(index, id, message));
        } else {
            unlistedErrors++;
        }
    }

    private void fileError(String message) {
        errors.add(new FeatureError(FeatureError.FILE, null, message)); // always listed: it concerns the whole file
    }
}
