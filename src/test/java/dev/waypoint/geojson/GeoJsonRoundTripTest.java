package dev.waypoint.geojson;

import static dev.waypoint.geojson.GeoJsonExportTest.DATELINE;
import static dev.waypoint.geojson.GeoJsonExportTest.FREE;
import static dev.waypoint.geojson.GeoJsonExportTest.LEGACY;
import static dev.waypoint.geojson.GeoJsonExportTest.LUNCH;
import static dev.waypoint.geojson.GeoJsonExportTest.WALK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.RoutePoint;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Export, then read: the same pins and routes, links included, and nothing to note. */
class GeoJsonRoundTripTest {

    @Test
    void readingAnExportGivesTheSamePinsAndRoutes() {
        List<Pin> pins = List.of(LUNCH, LEGACY, DATELINE);
        List<Route> routes = List.of(WALK, FREE);
        GeoJsonImport imported = GeoJson.read(GeoJson.export("team-map", 12, pins, routes), Limits.DEFAULTS);

        assertEquals(List.of(), imported.skipped());
        assertEquals(List.of(), imported.notes(), "Waypoint's own export reads back without a single note");
        RoomSimulation room = new RoomSimulation(Limits.DEFAULTS);
        List<String> ids = room.apply(imported);

        assertEquals(pins.size(), room.pins.size());
        for (int i = 0; i < pins.size(); i++) {
            assertSamePin(pins.get(i), room.pins.get(ids.get(i)));
        }
        Map<String, String> newIdOf = Map.of("p1", ids.get(0), Pin.LEGACY_ID, ids.get(1), "p4", ids.get(2));
        assertEquals(routes.size(), room.routes.size());
        List<Route> restored = room.routeList();
        for (int i = 0; i < routes.size(); i++) {
            Route original = routes.get(i);
            Route copy = restored.get(i);
            assertEquals(original.label(), copy.label());
            assertEquals(original.color(), copy.color());
            List<RoutePoint> expected = original.points().stream()
                    .map(p -> p.isPin() ? RoutePoint.pin(newIdOf.get(p.pinId())) : p).toList();
            assertEquals(expected, copy.points(), "links restored to the imported pins, free points kept");
        }
    }

    @Test
    void aSecondRoundTripChangesNothing() {
        String first = GeoJson.export("r", 1, List.of(LUNCH, LEGACY, DATELINE), List.of(WALK, FREE));
        RoomSimulation room = new RoomSimulation(Limits.DEFAULTS);
        room.apply(GeoJson.read(first, Limits.DEFAULTS));
        String second = GeoJson.export("r", 1, room.pinList(), room.routeList());
        RoomSimulation again = new RoomSimulation(Limits.DEFAULTS);
        again.apply(GeoJson.read(second, Limits.DEFAULTS));
        String third = GeoJson.export("r", 1, again.pinList(), again.routeList());
        assertEquals(second, third, "ids, creators and versions are the room's; the rest survives unchanged");
    }

    @Test
    void placesSurviveAtFullPrecisionAcrossTheAntimeridian() {
        Pin east = new Pin("p1", new Location(-16.123456789012, 179.99999999999), "#000000", "E", null, null, null,
                "A", GeoJsonExportTest.T0, 1);
        Pin west = new Pin("p2", new Location(89.9999999, -180), "#000000", "W", null, null, null, "A",
                GeoJsonExportTest.T0, 1);
        GeoJsonImport imported = GeoJson.read(GeoJson.export("r", 1, List.of(east, west), List.of()), Limits.DEFAULTS);
        assertEquals(east.location(), imported.pins().get(0).location());
        assertEquals(west.location(), imported.pins().get(1).location());
    }

    @Test
    void metadataKeepsItsJsonTypesAndExactNumbers() {
        GeoJsonImport imported = GeoJson.read(GeoJson.export("r", 1, List.of(LUNCH), List.of()), Limits.DEFAULTS);
        Metadata metadata = imported.pins().get(0).metadata().orElseThrow();
        assertEquals(LUNCH.metadata(), metadata);
        assertEquals(Boolean.TRUE, metadata.values().get("booked"));
        assertInstanceOf(BigDecimal.class, metadata.values().get("table"));
        assertEquals(List.copyOf(LUNCH.metadata().values().keySet()), List.copyOf(metadata.values().keySet()),
                "in the order given");
    }

    @Test
    void aRouteThroughTheSamePinTwiceKeepsBothLinks() {
        Route loop = new Route("r5", List.of(RoutePoint.pin("p1"), RoutePoint.at(new Location(52.5, 13.3)),
                RoutePoint.pin("p1")), "#123456", "Loop", "Ana", GeoJsonExportTest.T0, 4);
        GeoJsonImport imported = GeoJson.read(GeoJson.export("r", 1, List.of(LUNCH), List.of(loop)), Limits.DEFAULTS);
        ImportedRoute route = imported.routes().get(0);
        assertEquals(new ImportedRoute.PinPoint(0), route.points().get(0));
        assertEquals(new ImportedRoute.PinPoint(0), route.points().get(2));
        assertEquals(List.of(), imported.notes());
    }

    @Test
    void aFullRoomAtTheLimitsRoundTrips() {
        Limits limits = new Limits(30, 80, 1000, 20, 40, 200, 10, 100);
        List<Pin> pins = IntStream.range(0, 30).mapToObj(i -> new Pin("p" + i, new Location(i, i * 2), "#00ff00",
                "Pin " + i, null, null, null, "A", GeoJsonExportTest.T0, i)).toList();
        List<Route> routes = IntStream.range(0, 10).mapToObj(i -> new Route("r" + i,
                IntStream.range(0, 100).mapToObj(k -> k % 2 == 0 ? RoutePoint.pin("p" + (k % 30))
                        : RoutePoint.at(new Location(-k / 2.0, k))).toList(),
                "#0000ff", "Route " + i, "A", GeoJsonExportTest.T0, i)).toList();
        GeoJsonImport imported = GeoJson.read(GeoJson.export("r", 1, pins, routes), limits);
        assertEquals(30, imported.pins().size());
        assertEquals(10, imported.routes().size());
        RoomSimulation room = new RoomSimulation(limits);
        room.apply(imported);
        assertEquals(100, room.routeList().get(9).points().size());
        assertTrue(room.routeList().get(9).points().get(0).isPin());
    }

    private static void assertSamePin(Pin original, Pin copy) {
        assertEquals(original.location(), copy.location());
        assertEquals(original.label(), copy.label());
        assertEquals(original.color(), copy.color());
        assertEquals(original.description(), copy.description());
        assertEquals(original.symbol(), copy.symbol());
        assertEquals(original.metadata(), copy.metadata());
        if (original.metadata() == null) {
            assertNull(copy.metadata());
        }
    }
}
