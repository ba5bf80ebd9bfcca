package dev.waypoint.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.geojson.GeoJsonImport.Note;
import dev.waypoint.geojson.GeoJsonImport.Skipped;
import dev.waypoint.geojson.ImportedRoute.FreePoint;
import dev.waypoint.geojson.ImportedRoute.PinPoint;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.PinEdit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What files of every accepted shape import as: geometries, properties, links. */
class GeoJsonReadTest {

    static GeoJsonImport read(String json) {
        GeoJsonImport imported = GeoJson.read(json, Limits.DEFAULTS);
        new RoomSimulation(Limits.DEFAULTS).apply(imported); // whatever read() returns, the room's rules accept
        return imported;
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    static String point(double lng, double lat, String properties) {
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lng + "," + lat
                + "]},\"properties\":" + properties + "}";
    }

    static String line(String properties, double... lngLat) {
        StringBuilder coordinates = new StringBuilder();
        for (int i = 0; i < lngLat.length; i += 2) {
            coordinates.append(i == 0 ? "" : ",").append('[').append(lngLat[i]).append(',').append(lngLat[i + 1]).append(']');
        }
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" + coordinates
                + "]},\"properties\":" + properties + "}";
    }

    static List<String> noteMessages(GeoJsonImport imported) {
        return imported.notes().stream().map(Note::message).toList();
    }

    // --- shapes of files

    @Test
    void aSingleFeatureIsAFile() {
        GeoJsonImport imported = read(point(13.4, 52.5, "{\"title\":\"Here\"}"));
        assertEquals(1, imported.pins().size());
        assertEquals(new Location(52.5, 13.4), imported.pins().get(0).location());
        assertEquals("Here", imported.pins().get(0).label());
    }

    @Test
    void aBareGeometryIsAFile() {
        GeoJsonImport pin = read("{\"type\":\"Point\",\"coordinates\":[13.4,52.5]}");
        assertEquals(new Location(52.5, 13.4), pin.pins().get(0).location());
        assertNull(pin.pins().get(0).label(), "no properties: the room's default label");
        GeoJsonImport route = read("{\"type\":\"LineString\",\"coordinates\":[[13.4,52.5],[13.5,52.6]]}");
        assertEquals(List.of(new FreePoint(new Location(52.5, 13.4)), new FreePoint(new Location(52.6, 13.5))),
                route.routes().get(0).points());
    }

    @Test
    void aMultiPointIsOnePinPerPointWithTheFeaturesProperties() {
        GeoJsonImport imported = read(collection("""
                {"type":"Feature","id":"racks","properties":{"title":"Rack","marker-color":"#00f"},
                 "geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4],[5,6]]}}"""));
        assertEquals(3, imported.pins().size());
        assertEquals(List.of(new Location(2, 1), new Location(4, 3), new Location(6, 5)),
                imported.pins().stream().map(PinEdit::location).toList());
        assertTrue(imported.pins().stream().allMatch(p -> p.label().equals("Rack") && p.color().equals("#0000ff")));
    }

    @Test
    void aMultiLineStringIsOneRoutePerLine() {
        GeoJsonImport imported = read(collection("""
                {"type":"Feature","properties":{"name":"Ferry","stroke":"#0a0"},
                 "geometry":{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6],[7,8],[9,10]]]}}"""));
        assertEquals(2, imported.routes().size());
        assertEquals(2, imported.routes().get(0).points().size());
        assertEquals(3, imported.routes().get(1).points().size());
        assertTrue(imported.routes().stream().allMatch(r -> r.label().equals("Ferry") && r.color().equals("#00aa00")));
    }

    @Test
    void areasCollectionsAndFeaturesWithoutPlaceAreSkippedWithTheirReason() {
        GeoJsonImport imported = read(collection(
                """
                {"type":"Feature","id":"park","properties":{},"geometry":{"type":"Polygon",
                 "coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}""",
                """
                {"type":"Feature","id":7,"properties":{},"geometry":{"type":"MultiPolygon","coordinates":[]}}""",
                """
                {"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[
                 {"type":"Point","coordinates":[1,2]}]}}""",
                """
                {"type":"Feature","properties":{"name":"nowhere"},"geometry":null}""",
                """
                {"type":"Feature","properties":{}}""",
                """
                {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[]}}""",
                point(1, 2, "{}")));
        assertEquals(1, imported.pins().size());
        List<Skipped> skipped = imported.skipped();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), skipped.stream().map(Skipped::featureIndex).toList());
        assertEquals("park", skipped.get(0).featureId());
        assertTrue(skipped.get(0).reason().contains("Polygon"), skipped.get(0).reason());
        assertEquals("7", skipped.get(1).featureId(), "a numeric id as its JSON text");
        assertTrue(skipped.get(1).reason().contains("MultiPolygon"));
        assertTrue(skipped.get(2).reason().contains("GeometryCollection"));
        assertTrue(skipped.get(3).reason().contains("null"));
        assertTrue(skipped.get(4).reason().contains("no geometry"));
        assertTrue(skipped.get(5).reason().contains("empty Point"));
    }

    @Test
    void altitudeBboxAndForeignMembersAreIgnored() {
        GeoJsonImport imported = read("""
                {"type":"FeatureCollection","bbox":[0,0,10,10],"name":"export","generator":{"x":1},
                 "features":[{"type":"Feature","bbox":[1,2,1,2],"title":"foreign member, not a property",
                 "geometry":{"type":"Point","coordinates":[1,2,350.5],"bbox":[1,2,1,2]},"properties":null}]}""");
        assertEquals(new Location(2, 1), imported.pins().get(0).location());
        assertNull(imported.pins().get(0).label());
        assertEquals(List.of(), imported.notes());
    }

    @Test
    void longitudesAreWrappedAsTheRoomWrapsThem() {
        GeoJsonImport imported = read(collection(point(190, 10, "{}"), point(-540, -10, "{}")));
        assertEquals(-170, imported.pins().get(0).location().lng());
        assertEquals(new Location(-10, -540), imported.pins().get(1).location(), "Location's own wrapping");
        assertEquals(-180, imported.pins().get(1).location().lng());
    }

    @Test
    void aCrsNamingWgs84IsAccepted() {
        GeoJsonImport imported = read("""
                {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},
                 "features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]},
                 "crs":{"type":"name","properties":{"name":"EPSG:4326"}}}]}""");
        assertEquals(1, imported.pins().size());
    }

    // --- properties

    @Test
    void theLabelComesFromLabelTitleOrName() {
        GeoJsonImport imported = read(collection(point(0, 0, "{\"name\":\"By name\"}"),
                point(0, 0, "{\"title\":\"By title\",\"name\":\"By title\"}"),
                point(0, 0, "{\"label\":\"Mine\",\"title\":\"Theirs\"}"),
                point(0, 0, "{\"title\":\"   \",\"name\":\"  padded  \"}")));
        assertEquals(List.of("By name", "By title", "Mine", "padded"),
                imported.pins().stream().map(PinEdit::label).toList());
        assertEquals(Optional.of(new Metadata(Map.of("title", "Theirs"))), imported.pins().get(2).metadata(),
                "a second, different label is kept, as metadata");
        assertEquals(List.of(), imported.notes());
    }

    @Test
    void aLongLabelOrDescriptionIsCutToTheLimitWithANote() {
        String longLabel = "L".repeat(79) + "😀" + "tail";
        String longDescription = "D".repeat(1200);
        GeoJsonImport imported = read(collection(point(0, 0, "{\"title\":\"" + longLabel + "\",\"description\":\""
                + longDescription + "\"}")));
        PinEdit pin = imported.pins().get(0);
        assertEquals("L".repeat(79), pin.label(), "cut to 80 UTF-16 units without splitting the emoji");
        assertEquals(Optional.of("D".repeat(1000)), pin.description());
        List<String> notes = noteMessages(imported);
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("title cut to 79 characters")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("description cut to 1000 characters")), notes.toString());
        assertEquals(List.of(0, 0), imported.notes().stream().map(Note::featureIndex).toList());
    }

    @Test
    void coloursAreNormalisedOrDroppedWithANote() {
        GeoJsonImport imported = read(collection(
                point(0, 0, "{\"marker-color\":\"#F0A\"}"),
                point(0, 0, "{\"marker-color\":\"7e7e7e\"}"),
                point(0, 0, "{\"_umap_options\":{\"color\":\"DarkBlue\"}}"),
                point(0, 0, "{\"color\":\"rgb(255, 128, 0)\"}"),
                point(0, 0, "{\"marker-color\":\"blue-ish\"}"),
                point(0, 0, "{\"marker-color\":12}"),
                point(0, 0, "{\"color\":\"#abcdef\",\"marker-color\":\"#abcdef\"}"),
                point(0, 0, "{\"color\":\"#111111\",\"marker-color\":\"#222222\"}")));
        List<String> colors = imported.pins().stream().map(PinEdit::color).toList();
        assertEquals(java.util.Arrays.asList("#ff00aa", "#7e7e7e", "#00008b", "#ff8000", null, null, "#abcdef",
                "#111111"), colors);
        List<Note> notes = imported.notes();
        assertEquals(List.of(4, 5, 7), notes.stream().map(Note::featureIndex).toList(), notes.toString());
        assertTrue(notes.get(0).message().contains("\"blue-ish\" dropped"), notes.get(0).message());
        assertTrue(notes.get(1).message().contains("a colour is a string"), notes.get(1).message());
        assertTrue(notes.get(2).message().contains("marker-color \"#222222\" not used"), notes.get(2).message());
    }

    @Test
    void aRouteTakesItsColourFromStrokeAndDropsMarkerStyle() {
        GeoJsonImport imported = read(collection(line("{\"title\":\"T\",\"stroke\":\"#555555\",\"stroke-width\":2,"
                + "\"stroke-opacity\":1,\"marker-size\":\"small\",\"description\":\"nice\",\"surface\":\"gravel\"}",
                0, 0, 1, 1)));
        ImportedRoute route = imported.routes().get(0);
        assertEquals("#555555", route.color());
        assertEquals("T", route.label());
        List<String> notes = noteMessages(imported);
        assertTrue(notes.contains("dropped stroke-width, stroke-opacity, marker-size: style without an equivalent in"
                + " Waypoint"), notes.toString());
        assertTrue(notes.contains("dropped description, surface: a route has a label and a colour, no other"
                + " properties"), notes.toString());
    }

    @Test
    void symbolsComeFromSymbolMarkerSymbolOrAnEmojiIconUrl() {
        GeoJsonImport imported = read(collection(
                point(0, 0, "{\"symbol\":\"icon:star\"}"),
                point(0, 0, "{\"marker-symbol\":\"restaurant\"}"),
                point(0, 0, "{\"marker-symbol\":\"bus\"}"),
                point(0, 0, "{\"_umap_options\":{\"iconUrl\":\"🚲\",\"iconClass\":\"Drop\"}}"),
                point(0, 0, "{\"_umap_options\":{\"iconUrl\":\"https://example.org/pin.png\"}}"),
                point(0, 0, "{\"symbol\":\"icon:rocket\"}"),
                point(0, 0, "{\"marker-symbol\":\"\"}")));
        assertEquals(java.util.Arrays.asList(Optional.of("icon:star"), Optional.of("icon:food"), null,
                Optional.of("🚲"), null, null, null), imported.pins().stream().map(PinEdit::symbol).toList());
        List<String> notes = noteMessages(imported);
        assertTrue(notes.get(0).startsWith("marker-symbol \"bus\" dropped"), notes.toString());
        assertTrue(notes.get(1).contains("dropped _umap_options iconClass"), notes.toString());
        assertTrue(notes.get(2).startsWith("_umap_options.iconUrl \"https://example.org/pin.png\" dropped: symbol must"
                + " be one emoji"), notes.toString());
        assertTrue(notes.get(3).startsWith("symbol \"icon:rocket\" dropped: symbol icon must be one of"), notes.toString());
        assertEquals(4, notes.size(), "an empty marker-symbol says nothing: " + notes);
    }

    @Test
    void otherPropertiesBecomeMetadataWhereTheyFit() {
        String longValue = "v".repeat(201);
        String longKey = "k".repeat(41);
        GeoJsonImport imported = read(collection(point(0, 0, "{\"name\":\"Cafe\",\"opening_hours\":\"Mo-Fr\","
                + "\"wheelchair\":true,\"capacity\":40,\"rating\":4.5,\"tags\":[\"a\"],\"address\":{\"city\":\"B\"},"
                + "\"nothing\":null,\"long\":\"" + longValue + "\",\"" + longKey + "\":1,\"\":\"empty key\"}")));
        Metadata metadata = imported.pins().get(0).metadata().orElseThrow();
        assertEquals(List.of("opening_hours", "wheelchair", "capacity", "rating"),
                List.copyOf(metadata.values().keySet()));
        assertEquals(Boolean.TRUE, metadata.values().get("wheelchair"));
        assertEquals(new BigDecimal("4.5"), metadata.values().get("rating"));
        List<String> notes = noteMessages(imported);
        assertTrue(notes.contains("dropped tags (an array), address (an object): metadata holds strings, numbers and"
                + " booleans"), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("long dropped: metadata \"long\" must be at most 200")),
                notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("k".repeat(40) + "… dropped: metadata keys must be 1 to 40")),
                notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith(" dropped: metadata keys must be 1 to 40")),
                notes.toString());
        assertEquals(4, notes.size(), "a null value says nothing: " + notes);
    }

    @Test
    void metadataKeepsAtMostTheLimitsKeysAndSaysWhichWereDropped() {
        StringBuilder properties = new StringBuilder("{\"metadata\":{\"own\":1}");
        for (int i = 0; i < 25; i++) {
            properties.append(",\"k").append(i).append("\":").append(i);
        }
        GeoJsonImport imported = read(collection(point(0, 0, properties.append('}').toString())));
        Metadata metadata = imported.pins().get(0).metadata().orElseThrow();
        assertEquals(20, metadata.values().size());
        assertEquals(new BigDecimal("1"), metadata.values().get("own"), "Waypoint's own metadata comes first");
        assertEquals(List.of("dropped k19, k20, k21, k22, k23, k24: a pin has at most 20 metadata keys"),
                noteMessages(imported));
    }

    @Test
    void aNoteListsAFewNamesAndCountsTheRest() {
        StringBuilder properties = new StringBuilder("{\"x\":0");
        for (int i = 0; i < 5000; i++) {
            properties.append(",\"").append("k".repeat(60)).append(i).append("\":{}");
        }
        GeoJsonImport imported = read(collection(point(0, 0, properties.append('}').toString())));
        List<String> notes = noteMessages(imported);
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).endsWith(" and 4990 more: metadata holds strings, numbers and booleans"), notes.get(0));
        assertTrue(notes.get(0).length() < 600, "bounded: " + notes.get(0).length());
    }

    @Test
    void waypointsOwnBookkeepingIsNotMetadataButTheSameNamesFromOtherToolsAre() {
        GeoJsonImport own = read(collection(point(0, 0, "{\"waypoint\":\"pin\",\"id\":\"p1\",\"createdBy\":\"Ana\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"version\":7,\"label\":\"L\"}")));
        assertNull(own.pins().get(0).metadata());
        GeoJsonImport foreign = read(collection(point(0, 0, "{\"id\":\"osm-123\",\"version\":7}")));
        assertEquals(Optional.of(new Metadata(Map.of("id", "osm-123", "version", new BigDecimal("7")))),
                foreign.pins().get(0).metadata());
    }

    @Test
    void umapOptionsAndLegacyStorageOptionsAreRead() {
        GeoJsonImport imported = read(collection(
                point(0, 0, "{\"name\":\"Old\",\"_storage_options\":{\"color\":\"Chocolate\",\"iconClass\":\"Circle\"}}"),
                point(0, 0, "{\"_storage_options\":{\"color\":\"Red\"},\"_umap_options\":{\"color\":\"Blue\"}}"),
                point(0, 0, "{\"_umap_options\":\"not an object\"}")));
        assertEquals(java.util.Arrays.asList("#d2691e", "#0000ff", null),
                imported.pins().stream().map(PinEdit::color).toList());
        List<String> notes = noteMessages(imported);
        assertEquals(List.of("dropped _umap_options iconClass: uMap display options without an equivalent in Waypoint",
                "_umap_options dropped: uMap's options are an object, not a string"), notes);
    }

    // --- links between routes and pins

    @Test
    void routePointsFollowPinsOfTheFileWhereTheyAreThere() {
        GeoJsonImport imported = read(collection(
                "{\"type\":\"Feature\",\"id\":\"a\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,1]}}",
                line("{\"pinIds\":[\"a\",null,\"b\",\"missing\",\"a\"]}", 1, 1, 2, 2, 3, 3, 4, 4, 9, 9),
                "{\"type\":\"Feature\",\"id\":\"b\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[3,3]}}"));
        List<ImportedRoute.Point> points = imported.routes().get(0).points();
        assertEquals(new PinPoint(0), points.get(0));
        assertEquals(new FreePoint(new Location(2, 2)), points.get(1));
        assertEquals(new PinPoint(1), points.get(2), "a pin later in the file");
        assertEquals(new FreePoint(new Location(4, 4)), points.get(3));
        assertEquals(new FreePoint(new Location(9, 9)), points.get(4), "pin a is elsewhere: the point stays put");
        List<String> notes = noteMessages(imported);
        assertEquals(List.of(
                "points 3 (\"missing\") follow pins that this file does not hold as one Point feature: imported as free points",
                "points 4 (\"a\") are not where their pins are: imported as free points"), notes);
        RoomSimulation room = new RoomSimulation(Limits.DEFAULTS);
        List<String> ids = room.apply(imported);
        assertEquals(ids.get(1), room.routeList().get(0).points().get(2).pinId());
    }

    @Test
    void pinIdsAreMatchedToWaypointsOwnPropertyIdAndNeverToAnAmbiguousId() {
        GeoJsonImport imported = read(collection(
                point(1, 1, "{\"waypoint\":\"pin\",\"id\":\"p1\"}"),
                "{\"type\":\"Feature\",\"id\":\"twice\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[2,2]}}",
                "{\"type\":\"Feature\",\"id\":\"twice\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[2,2]}}",
                line("{\"pinIds\":[\"p1\",\"twice\"]}", 1, 1, 2, 2)));
        assertEquals(List.of(new PinPoint(0), new FreePoint(new Location(2, 2))), imported.routes().get(0).points());
    }

    @Test
    void malformedPinIdsAreDroppedWithANote() {
        GeoJsonImport imported = read(collection(
                "{\"type\":\"Feature\",\"id\":\"a\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,1]}}",
                line("{\"pinIds\":[\"a\"]}", 1, 1, 2, 2),
                line("{\"pinIds\":[\"a\",5]}", 1, 1, 2, 2)));
        assertTrue(imported.routes().stream().allMatch(r -> r.points().stream().allMatch(p -> p instanceof FreePoint)));
        List<String> notes = noteMessages(imported);
        assertTrue(notes.get(0).startsWith("pinIds dropped: it must be an array with one pin id or null per position"));
        assertTrue(notes.get(1).startsWith("pinIds dropped: its entries are pin ids (strings) or null, not a number"));
    }

    @Test
    void aMultiPointsPinsAreNotLinkTargets() {
        GeoJsonImport imported = read(collection("""
                {"type":"Feature","id":"m","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[1,1],[2,2]]}}""",
                line("{\"pinIds\":[\"m\",null]}", 1, 1, 2, 2)));
        assertEquals(new FreePoint(new Location(1, 1)), imported.routes().get(0).points().get(0));
    }

    // --- limits

    @Test
    void checkFitsComparesTheImportWithWhatTheRoomAlreadyHolds() {
        Limits limits = new Limits(3, 80, 1000, 20, 40, 200, 1, 100);
        GeoJsonImport imported = GeoJson.read(collection(point(0, 0, "{}"), point(1, 1, "{}"), line("{}", 0, 0, 1, 1)),
                limits);
        imported.checkFits(1, 0, limits);
        var tooManyPins = org.junit.jupiter.api.Assertions.assertThrows(
                dev.waypoint.message.InvalidMessageException.class, () -> imported.checkFits(2, 0, limits));
        assertEquals(dev.waypoint.message.ErrorCode.LIMIT_REACHED, tooManyPins.code());
        assertEquals("the import adds 2 pins to the room's 2; a room holds at most 3", tooManyPins.getMessage());
        var tooManyRoutes = org.junit.jupiter.api.Assertions.assertThrows(
                dev.waypoint.message.InvalidMessageException.class, () -> imported.checkFits(0, 1, limits));
        assertEquals("the import adds 1 routes to the room's 1; a room holds at most 1", tooManyRoutes.getMessage());
    }
}
