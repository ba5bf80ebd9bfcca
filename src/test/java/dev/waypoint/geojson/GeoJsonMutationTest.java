package dev.waypoint.geojson;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Limits;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged files: for thousands of small random edits of the sample files (a fixed seed, so every run is the same),
 * {@link GeoJson#read} either refuses with a {@link GeoJsonException} that lists at least one error, or returns an
 * import the room's rules accept in full. Nothing else may happen.
 */
class GeoJsonMutationTest {

    private static final String ALPHABET = "{}[]\",:-.0123456789eE tfnulax#";

    @Test
    void damagedFilesAreRefusedOrImportedWholeNeverAnythingElse() throws IOException {
        List<String> samples = List.of(GeoJsonSampleFilesTest.resource("geojsonio-simplestyle.geojson"),
                GeoJsonSampleFilesTest.resource("umap-layer.geojson"), GeoJsonExportTest.exportSample());
        Random random = new Random(4);
        int refused = 0;
        int imported = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(samples.get(i % samples.size()));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            try {
                GeoJsonImport result = GeoJson.read(text.toString(), Limits.DEFAULTS);
                new RoomSimulation(Limits.DEFAULTS).apply(result);
                imported++;
            } catch (GeoJsonException e) {
                assertFalse(e.errors().isEmpty());
                refused++;
            }
        }
        assertTrue(refused > 100 && imported > 100, "both outcomes exercised: refused " + refused + ", imported " + imported);
    }
}
