package dev.waypoint.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.RoutePoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps src/docs/geojson.md honest: its export example is exactly what the code writes, and reads back cleanly. */
class GeoJsonDocumentTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void theExportExampleIsWhatExportWrites() throws IOException {
        Matcher block = JSON_BLOCK.matcher(Files.readString(Path.of("src/docs/geojson.md")));
        assertTrue(block.find(), "src/docs/geojson.md has a json example");
        String documented = block.group(1);

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("table", new BigDecimal("12"));
        metadata.put("booked", true);
        Pin lunch = new Pin("p1", new Location(52.52, 13.405), "#1e88e5", "Lunch", "Back room", "🍕",
                new Metadata(metadata), "Ana", Instant.parse("2026-11-27T09:00:00Z"), 7);
        Pin gate = new Pin("p2", new Location(52.5163, 13.3777), "#ff4136", "Gate", null, "icon:flag", null, "Bo",
                Instant.parse("2026-11-27T09:02:00Z"), 8);
        Route walk = new Route("r1", List.of(RoutePoint.pin("p2"), RoutePoint.at(new Location(52.51, 13.39)),
                RoutePoint.pin("p1")), "#e53935", "Walk to lunch", "Ana", Instant.parse("2026-11-27T09:05:00Z"), 9);
        String written = GeoJson.export("team-map", 9, List.of(lunch, gate), List.of(walk));

        assertEquals(Rfc7946.parse(documented), Rfc7946.parse(written));
        GeoJsonImport imported = GeoJson.read(documented, Limits.DEFAULTS);
        assertEquals(List.of(), imported.notes());
        assertEquals(List.of(new ImportedRoute.PinPoint(1), new ImportedRoute.FreePoint(new Location(52.51, 13.39)),
                new ImportedRoute.PinPoint(0)), imported.routes().get(0).points());
    }
}
