package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The "Saved maps" panel in a real browser against the real WAR, with a WebSocket client in the same room: save a
 * session, restore it (the browser's map and the other client both switch), delete it; import a GeoJSON file through
 * the file picker and export the room through the page's link.
 */
@ExtendWith(ArquillianExtension.class)
class SavedMapsBrowserIT {

    private static final Duration PAGE_READY = Duration.ofSeconds(60);
    private static final Duration CHANGE_ARRIVES = Duration.ofSeconds(15);

    @ArquillianResource
    private URL deploymentUrl;

    @RegisterExtension
    final Chromium.Windows browsers = new Chromium.Windows();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    private long pinsInPage(Chromium.Window page) {
        return ((Number) page.script("return window.waypoint.room.pins.length")).longValue();
    }

    private static String addPin(String label, double lat, double lng) {
        return "{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "},\"label\":\""
                + label + "\"}}";
    }

    @Test
    void aMapIsSavedRestoredForEveryoneAndDeleted() {
        String room = "saved-" + UUID.randomUUID();
        Chromium.Window page = browsers.open(new Chromium.Window(), Chromium.roomUrl(deploymentUrl, room));
        browsers.watchFailures(() -> {
            page.await(PAGE_READY, "page connected and map loaded", page::connectedAndLoaded);
            try (TestClient other = TestClient.connectVersion2(deploymentUrl, room)) {
                other.nextOfType("snapshot");
                other.send(addPin("Station", 52.52, 13.37)).nextOfType("pinAdded");
                other.send(addPin("Museum", 52.51, 13.39)).nextOfType("pinAdded");
                page.await(CHANGE_ARRIVES, "two pins in the page", () -> pinsInPage(page) == 2);

                page.driver.findElement(By.id("sessions-toggle")).click();
                page.driver.findElement(By.id("session-name")).sendKeys("Two sights");
                page.driver.findElement(By.id("session-save-button")).click();
                page.await(CHANGE_ARRIVES, "the saved map listed",
                        () -> !page.driver.findElements(By.cssSelector("#sessions-list .session-item")).isEmpty());
                WebElement item = page.driver.findElement(By.cssSelector("#sessions-list .session-item"));
                assertEquals("Two sights", item.findElement(By.cssSelector(".session-name")).getText());
                assertTrue(item.findElement(By.cssSelector(".session-meta")).getText().contains("2 pins"));
                JsonObject saved = other.nextOfType("sessionSaved").getJsonObject("session");
                assertEquals(item.getDomAttribute("data-session-id"), saved.getString("id"));

                other.send(addPin("Later", 50, 10)).nextOfType("pinAdded");
                page.await(CHANGE_ARRIVES, "three pins in the page", () -> pinsInPage(page) == 3);

                page.script("window.confirm = () => true;");
                item.findElement(By.cssSelector(".session-restore")).click();
                JsonObject restored = other.nextOfType("roomRestored");
                assertEquals(2, restored.getJsonArray("pins").size());
                page.await(CHANGE_ARRIVES, "the page shows the restored map", () -> pinsInPage(page) == 2);
                assertEquals(restored.getJsonNumber("version").longValue(),
                        ((Number) page.script("return window.waypoint.room.version")).longValue());

                page.driver.findElement(By.cssSelector("#sessions-list .session-delete")).click();
                assertEquals(saved.getString("id"), other.nextOfType("sessionDeleted").getString("sessionId"));
                page.await(CHANGE_ARRIVES, "the list is empty",
                        () -> page.driver.findElements(By.cssSelector("#sessions-list .session-item")).isEmpty());
            }
        });
    }

    @Test
    void aGeoJsonFileIsImportedThroughThePageAndTheRoomExportedThroughItsLink() throws Exception {
        String room = "saved-" + UUID.randomUUID();
        Path file = Files.createTempFile("waypoint-import-", ".geojson");
        Files.writeString(file, """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"title":"Cafe","marker-color":"#00897b"},
                   "geometry":{"type":"Point","coordinates":[13.4,52.5]}},
                  {"type":"Feature","properties":{"name":"Park"},
                   "geometry":{"type":"Polygon","coordinates":[[[13,52],[13.1,52],[13.1,52.1],[13,52]]]}},
                  {"type":"Feature","properties":{"name":"Walk"},
                   "geometry":{"type":"LineString","coordinates":[[13.4,52.5],[13.39,52.52]]}}]}""");
        Chromium.Window page = browsers.open(new Chromium.Window(), Chromium.roomUrl(deploymentUrl, room));
        try {
            browsers.watchFailures(() -> {
                page.await(PAGE_READY, "page connected and map loaded", page::connectedAndLoaded);
                try (TestClient other = TestClient.connectVersion2(deploymentUrl, room)) {
                    other.nextOfType("snapshot");
                    page.driver.findElement(By.id("sessions-toggle")).click();
                    page.driver.findElement(By.id("geojson-import")).sendKeys(file.toString());
                    JsonObject imported = other.nextOfType("featuresImported");
                    assertEquals(1, imported.getJsonArray("pins").size());
                    assertEquals(1, imported.getJsonArray("routes").size());
                    page.await(CHANGE_ARRIVES, "the imported pin and route in the page",
                            () -> pinsInPage(page) == 1
                                    && ((Number) page.script("return window.waypoint.room.routes.length")).intValue() == 1);
                    page.await(CHANGE_ARRIVES, "a message saying what was imported and skipped",
                            () -> page.driver.findElements(By.cssSelector("#toasts .toast")).stream()
                                    .anyMatch(t -> t.getText().contains("Imported 1 pin and 1 route")
                                            && t.getText().contains("Skipped 1")));

                    String href = page.driver.findElement(By.id("geojson-export")).getDomProperty("href");
                    assertTrue(href.endsWith("/api/rooms/" + room + "/geojson"), href);
                    // What the link downloads (WebDriver waits for the promise of the script).
                    Object exported = page.script("return fetch(arguments[0]).then(r => r.json())"
                            + ".then(j => j.features.map(f => f.geometry.type));", href);
                    assertEquals(List.of("Point", "LineString"), exported);
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
