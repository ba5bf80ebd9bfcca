package dev.waypoint.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.geojson.GeoJsonImport.Note;
import dev.waypoint.geojson.GeoJsonImport.Skipped;
import dev.waypoint.geojson.ImportedRoute.FreePoint;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.PinEdit;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Files in the shapes other tools produce, in {@code src/test/resources/geojson/}. They were written by hand following
 * each tool's documented format (simplestyle-spec 1.1.0 for geojson.io; uMap's feature GeoJSON with
 * {@code _umap_options}), not exported from the tools: see the README there.
 */
class GeoJsonSampleFilesTest {

    static String resource(String name) throws IOException {
        try (InputStream in = GeoJsonSampleFilesTest.class.getResourceAsStream("/geojson/" + name)) {
            assertNotNull(in, "test resource geojson/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aGeojsonIoFileWithSimplestyle() throws IOException {
        GeoJsonImport imported = GeoJson.read(resource("geojsonio-simplestyle.geojson"), Limits.DEFAULTS);

        List<PinEdit> pins = imported.pins();
        assertEquals(5, pins.size());
        PinEdit lunch = pins.get(0);
        assertEquals(new Location(52.52, 13.405), lunch.location());
        assertEquals("Lunch", lunch.label());
        assertEquals("#7e7e7e", lunch.color());
        assertEquals(Optional.of("Back room, ask for Ana"), lunch.description());
        assertEquals(Optional.of("icon:food"), lunch.symbol(), "marker-symbol restaurant");

        PinEdit data = pins.get(1);
        assertEquals("#ff00aa", data.color(), "f0a: short form without #");
        assertNull(data.label());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("opening_hours", "Mo-Fr 09:00-17:00");
        metadata.put("wheelchair", true);
        metadata.put("capacity", new BigDecimal("40"));
        assertEquals(Optional.of(new Metadata(metadata)), data.metadata());

        assertEquals(List.of("Bike racks", "Bike racks"), List.of(pins.get(2).label(), pins.get(3).label()));
        assertEquals(new Location(52.522, 13.402), pins.get(3).location());
        assertEquals(new Location(52.5208, 13.4094), pins.get(4).location(), "the altitude is ignored");
        assertEquals("#ff0000", pins.get(4).color());

        ImportedRoute walk = imported.routes().get(0);
        assertEquals(1, imported.routes().size());
        assertEquals("Walk to lunch", walk.label());
        assertEquals("#555555", walk.color());
        assertEquals(List.of(new FreePoint(new Location(52.5163, 13.3777)), new FreePoint(new Location(52.51, 13.39)),
                new FreePoint(new Location(52.52, 13.405))), walk.points());

        assertEquals(List.of(3, 6), imported.skipped().stream().map(Skipped::featureIndex).toList());
        assertTrue(imported.skipped().get(0).reason().contains("Polygon"));
        assertEquals(List.of(
                new Note(0, null, "dropped marker-size: style without an equivalent in Waypoint"),
                new Note(2, null, "dropped stroke-width, stroke-opacity: style without an equivalent in Waypoint"),
                new Note(4, null, "dropped marker-size: style without an equivalent in Waypoint")), imported.notes());

        assertAcceptedByTheRoom(imported);
    }

    @Test
    void aUmapLayerExport() throws IOException {
        GeoJsonImport imported = GeoJson.read(resource("umap-layer.geojson"), Limits.DEFAULTS);

        List<PinEdit> pins = imported.pins();
        assertEquals(3, pins.size());
        PinEdit cafe = pins.get(0);
        assertEquals("Café de la Place", cafe.label());
        assertEquals(Optional.of("Good **coffee**, terrace in the sun"), cafe.description());
        assertEquals("#006400", cafe.color(), "DarkGreen");
        assertEquals(Optional.of("☕"), cafe.symbol(), "an emoji iconUrl");
        assertNull(cafe.metadata());
        assertEquals("Louvre", pins.get(1).label());
        assertEquals("#5f9ea0", pins.get(1).color());
        assertNull(pins.get(1).symbol(), "a picture URL is no symbol");
        assertEquals("Tour Eiffel", pins.get(2).label());
        assertEquals("#d2691e", pins.get(2).color(), "Chocolate, from uMap's old _storage_options");

        ImportedRoute walk = imported.routes().get(0);
        assertEquals("Walk to the Louvre", walk.label());
        assertEquals("#ff0000", walk.color());
        assertEquals(3, walk.points().size());

        assertEquals(List.of(new Skipped(3, "OTQ2Mz", "a Polygon: Waypoint has pins and routes, no areas")),
                imported.skipped());
        assertEquals(List.of(
                new Note(0, "MTY5Mj", "dropped _umap_options iconClass: uMap display options without an equivalent in"
                        + " Waypoint"),
                new Note(1, "NzA0Nz", "dropped _umap_options weight, dashArray: uMap display options without an"
                        + " equivalent in Waypoint"),
                new Note(1, "NzA0Nz", "dropped description: a route has a label and a colour, no other properties"),
                new Note(2, "ODk1MT", "_umap_options.iconUrl \"/uploads/pictogram/museum-24.png\" dropped: symbol must"
                        + " be one emoji (at most 16 UTF-16 units, no ASCII) or icon:NAME"),
                new Note(2, "ODk1MT", "dropped _umap_options iconClass: uMap display options without an equivalent in"
                        + " Waypoint"),
                new Note(4, "MTAyNz", "dropped _umap_options iconClass: uMap display options without an equivalent in"
                        + " Waypoint")), imported.notes());

        assertAcceptedByTheRoom(imported);
    }

    @Test
    void aForeignFileExportedByWaypointLooksRightInThoseTools() throws IOException {
        // After import and export, the simplestyle keys carry what the room shows.
        RoomSimulation room = new RoomSimulation(Limits.DEFAULTS);
        room.apply(GeoJson.read(resource("umap-layer.geojson"), Limits.DEFAULTS));
        String exported = GeoJson.export("paris", 9, room.pinList(), room.routeList());
        var features = Rfc7946.assertValidFeatureCollection(exported).getJsonArray("features");
        var cafe = features.getJsonObject(0).getJsonObject("properties");
        assertEquals("Café de la Place", cafe.getString("title"));
        assertEquals("Café de la Place", cafe.getString("name"));
        assertEquals("#006400", cafe.getString("marker-color"));
        var walk = features.getJsonObject(3).getJsonObject("properties");
        assertEquals("#ff0000", walk.getString("stroke"));
    }

    private static void assertAcceptedByTheRoom(GeoJsonImport imported) {
        RoomSimulation room = new RoomSimulation(Limits.DEFAULTS);
        List<String> ids = room.apply(imported);
        assertEquals(imported.pins().size(), ids.size());
        assertEquals(imported.routes().size(), room.routes.size());
        for (Pin pin : room.pinList()) {
            assertTrue(pin.label().length() <= Limits.DEFAULTS.labelLength());
        }
    }
}
