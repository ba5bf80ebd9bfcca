package dev.waypoint.geojson;

import dev.waypoint.message.Limits;
import dev.waypoint.message.Pin;
import dev.waypoint.message.PinEdit;
import dev.waypoint.message.Route;
import dev.waypoint.message.RouteEdit;
import dev.waypoint.room.PinRules;
import dev.waypoint.room.RouteRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies an import as a room does (the room's own rules, new ids, pins before routes), so that tests can check that
 * what {@link GeoJson#read} returns is accepted in full. Any refusal here is an {@code InvalidMessageException}.
 */
final class RoomSimulation {

    final Map<String, Pin> pins = new LinkedHashMap<>();
    final Map<String, Route> routes = new LinkedHashMap<>();
    private final PinRules pinRules;
    private final RouteRules routeRules;
    private final Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private long version;

    RoomSimulation(Limits limits) {
        this.pinRules = new PinRules(limits);
        this.routeRules = new RouteRules(limits);
    }

    /** Adds everything of {@code imported}; returns the ids given to its pins. */
    List<String> apply(GeoJsonImport imported) {
        List<String> ids = new ArrayList<>();
        for (PinEdit edit : imported.pins()) {
            String id = "n" + (pins.size() + 1);
            pins.put(id, pinRules.create(id, edit, "Importer", now, ++version));
            ids.add(id);
        }
        for (RouteEdit edit : imported.routeEdits(ids)) {
            String id = "s" + (routes.size() + 1);
            routes.put(id, routeRules.create(id, edit, pins, "Importer", now, ++version));
        }
        return ids;
    }

    List<Pin> pinList() {
        return List.copyOf(pins.values());
    }

    List<Route> routeList() {
        return List.copyOf(routes.values());
    }
}
