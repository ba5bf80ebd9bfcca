package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The map page's protocol version 2 in two real browser windows on one room, against the real WAR: pins added,
 * dragged and edited in one window show in the other, and the other window's person and shared location show in
 * the first. Same browser set-up as {@link MapPageBrowserIT} ({@link Chromium}: Debian's Chromium through Debian's
 * chromedriver, kept on loopback); a missing browser fails the test.
 *
 * <p>What is asserted is read from the DOM as the page shows it: pin markers ({@code .waypoint-pin} with
 * {@code data-pin-id}, {@code data-lat}, {@code data-lng}, {@code data-color}, {@code data-label}), the pin editor's
 * form in its popup, the {@code #participants} list and shared-location markers ({@code .waypoint-participant}).
 * The debugging handle {@code window.waypoint} is used only to learn which participant a window is and which
 * point of the map lies under a pixel.
 */
@ExtendWith(ArquillianExtension.class)
class CollaborativeMapBrowserIT {

    private static final Duration PAGE_READY = Duration.ofSeconds(60);
    private static final Duration CHANGE_ARRIVES = Duration.ofSeconds(15);

    /** The toolbar's blue swatch (the default colour of new pins is red). */
    private static final String BLUE = "#1e88e5";
    /** A place to share, as the browser's geolocation override reports it. */
    private static final double SHARED_LAT = 48.8566;
    private static final double SHARED_LNG = 2.3522;
    private static final double SHARED_ACCURACY_M = 25;

    @ArquillianResource
    private URL deploymentUrl;

    @RegisterExtension
    final Chromium.Windows browsers = new Chromium.Windows();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    @Test
    void pinAddedInOneWindowShowsInTheOtherWithItsColourAndLabel() {
        String room = freshRoom();
        Browser adder = openRoom(room);
        Browser watcher = openRoom(room);
        browsers.watchFailures(() -> {
            adder.awaitReady();
            watcher.awaitReady();
            assertTrue(watcher.pins().isEmpty(), "a fresh room has no pins");

            adder.driver.findElement(By.cssSelector("#pin-colors [data-color='" + BLUE + "']")).click();
            adder.driver.findElement(By.id("new-pin-label")).sendKeys("Lunch");
            double[] clicked = adder.clickMap(-160, 90);

            WebElement shown = watcher.awaitPin("Lunch");
            WebElement added = adder.awaitPin("Lunch");
            assertEquals(BLUE, shown.getDomAttribute("data-color"), "colour of the pin in the other window");
            assertEquals("Lunch", shown.findElement(By.cssSelector(".pin-label")).getText(),
                    "label shown next to the pin in the other window");
            assertTrue(shown.isDisplayed(), "the pin is visible in the other window");
            assertEquals(added.getDomAttribute("data-pin-id"), shown.getDomAttribute("data-pin-id"), "the same pin");
            double[] atAdder = location(added);
            double[] atWatcher = location(shown);
            assertEquals(atAdder[0], atWatcher[0], "latitude in both windows");
            assertEquals(atAdder[1], atWatcher[1], "longitude in both windows");
            // The pin lands where the user clicked (a degree is several pixels at the page's world view).
            assertEquals(clicked[0], atAdder[0], 1.0, "latitude of the pin vs. the clicked point");
            assertEquals(clicked[1], atAdder[1], 1.0, "longitude of the pin vs. the clicked point");
            assertEquals(1, watcher.pins().size(), "one pin in the other window");
        });
    }

    @Test
    void draggingAPinInOneWindowMovesItInTheOther() {
        String room = freshRoom();
        Browser mover = openRoom(room);
        Browser watcher = openRoom(room);
        browsers.watchFailures(() -> {
            mover.awaitReady();
            watcher.awaitReady();
            mover.driver.findElement(By.id("new-pin-label")).sendKeys("Meeting point");
            mover.clickMap(-120, 60);
            WebElement pin = mover.awaitPin("Meeting point");
            double[] before = location(watcher.awaitPin("Meeting point"));
            // Where the pin's tip will be after the drag, by the map's own projection.
            double[] expected = mover.locationAfterDrag(pin, 110, 70);

            new Actions(mover.driver).dragAndDropBy(pin, 110, 70).perform();

            watcher.await(CHANGE_ARRIVES, "the pin moves in the other window",
                    () -> !Arrays.equals(before, location(watcher.pin("Meeting point"))));
            double[] atMover = location(mover.pin("Meeting point"));
            double[] atWatcher = location(watcher.pin("Meeting point"));
            assertEquals(atMover[0], atWatcher[0], "latitude in both windows after the drag");
            assertEquals(atMover[1], atWatcher[1], "longitude in both windows after the drag");
            assertTrue(atWatcher[1] > before[1], "dragged to the right: longitude grows, " + before[1] + " -> " + atWatcher[1]);
            assertTrue(atWatcher[0] < before[0], "dragged down: latitude falls, " + before[0] + " -> " + atWatcher[0]);
            assertEquals(expected[0], atWatcher[0], 2.0, "latitude where the pin was dropped");
            assertEquals(expected[1], atWatcher[1], 2.0, "longitude where the pin was dropped");
            assertEquals(1, watcher.pins().size(), "still one pin");
        });
    }

    @Test
    void metadataEditedInThePopupShowsInTheOtherWindow() {
        String room = freshRoom();
        Browser editor = openRoom(room);
        Browser reader = openRoom(room);
        browsers.watchFailures(() -> {
            editor.awaitReady();
            reader.awaitReady();
            editor.driver.findElement(By.id("new-pin-label")).sendKeys("Lunch");
            editor.clickMap(-140, 80);
            String versionBefore = reader.awaitPin("Lunch").getDomAttribute("data-version");

            WebElement form = editor.openEditor("Lunch");
            form.findElement(By.name("description")).sendKeys("Back room");
            editor.addMetadataRow(form, "table", "number", "12");
            editor.addMetadataRow(form, "booked", "boolean", "true");
            editor.addMetadataRow(form, "host", "string", "Ana");
            form.findElement(By.name("save")).click();
            editor.await(CHANGE_ARRIVES, "the editor closes once the server has accepted the change",
                    () -> editor.driver.findElements(By.cssSelector(".pin-editor")).isEmpty());

            reader.await(CHANGE_ARRIVES, "the change reaches the other window", () -> !versionBefore.equals(
                    reader.pin("Lunch").getDomAttribute("data-version")));
            WebElement read = reader.openEditor("Lunch");
            assertEquals("Lunch", read.findElement(By.name("label")).getDomProperty("value"), "label");
            assertEquals("Back room", read.findElement(By.name("description")).getDomProperty("value"), "description");
            List<WebElement> rows = read.findElements(By.cssSelector(".metadata-row"));
            assertEquals(3, rows.size(), "metadata fields in the other window");
            Map<String, List<String>> fields = new TreeMap<>();
            for (WebElement row : rows) {
                WebElement value = row.findElement(By.name("value"));
                String shown = "checkbox".equals(value.getDomAttribute("type"))
                        ? String.valueOf(value.isSelected()) : value.getDomProperty("value");
                fields.put(row.findElement(By.name("key")).getDomProperty("value"),
                        List.of(new Select(row.findElement(By.name("type"))).getFirstSelectedOption().getDomAttribute("value"),
                                shown));
            }
            assertEquals(Map.of(
                    "booked", List.of("boolean", "true"),
                    "host", List.of("string", "Ana"),
                    "table", List.of("number", "12")), fields, "metadata as the other window shows it (key: type, value)");
        });
    }

    @Test
    void otherWindowsParticipantIsListedAndItsSharedLocationShowsAsAMarker() {
        String room = freshRoom();
        Browser first = openRoom(room);
        Browser other = openRoom(room);
        browsers.watchFailures(() -> {
            first.awaitReady();
            other.awaitReady();
            WebElement name = other.driver.findElement(By.id("my-name"));
            name.clear();
            name.sendKeys("Ben", Keys.ENTER);
            String otherId = (String) other.script("return window.waypoint.room.you");
            String firstId = (String) first.script("return window.waypoint.room.you");
            assertNotEquals(otherId, firstId, "two participants");

            By otherItem = By.cssSelector("#participants [data-participant-id='" + otherId + "']");
            first.await(CHANGE_ARRIVES, "the other window's participant is listed by name", () ->
                    first.driver.findElements(otherItem).stream().anyMatch(e -> e.getText().contains("Ben")));
            WebElement item = first.driver.findElement(otherItem);
            assertEquals("Ben", item.findElement(By.cssSelector(".participant-label")).getText(), "name in the list");
            assertEquals("false", item.getDomAttribute("data-sharing"), "not sharing yet");
            assertFalse(item.getText().contains("you"), "the other participant is not marked as you");
            WebElement own = first.driver.findElement(By.cssSelector("#participants [data-participant-id='" + firstId + "']"));
            assertTrue(own.getText().contains("you"), "the window's own participant is marked as you");
            assertTrue(first.driver.findElements(By.cssSelector(".waypoint-participant")).isEmpty(),
                    "nobody shares a location yet");

            other.driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
            other.driver.executeCdpCommand("Emulation.setGeolocationOverride",
                    Map.of("latitude", SHARED_LAT, "longitude", SHARED_LNG, "accuracy", SHARED_ACCURACY_M));
            other.driver.findElement(By.id("share-location")).click();

            By marker = By.cssSelector(".waypoint-participant[data-participant-id='" + otherId + "']");
            first.await(CHANGE_ARRIVES, "the shared location shows in the first window",
                    () -> !first.driver.findElements(marker).isEmpty());
            WebElement shared = first.driver.findElement(marker);
            assertEquals(SHARED_LAT, Double.parseDouble(shared.getDomAttribute("data-lat")), 1e-9, "shared latitude");
            assertEquals(SHARED_LNG, Double.parseDouble(shared.getDomAttribute("data-lng")), 1e-9, "shared longitude");
            assertEquals("Ben", shared.findElement(By.cssSelector(".participant-name")).getText(), "name on the marker");
            assertTrue(shared.isDisplayed(), "the participant marker is visible");
            first.await(CHANGE_ARRIVES, "the list says the other participant shares their location",
                    () -> "true".equals(first.driver.findElement(otherItem).getDomAttribute("data-sharing")));
            assertEquals("true", other.driver.findElement(By.id("share-location")).getDomAttribute("aria-pressed"),
                    "the sharing button shows it is on");
        });
    }

    private static double[] location(WebElement pin) {
        return new double[] {Double.parseDouble(pin.getDomAttribute("data-lat")),
                Double.parseDouble(pin.getDomAttribute("data-lng"))};
    }

    private Browser openRoom(String room) {
        return browsers.open(new Browser(), Chromium.roomUrl(deploymentUrl, room));
    }

    private static String freshRoom() {
        return "collab-it-" + UUID.randomUUID();
    }

    /** One Chromium window on the map page, speaking version 2. */
    private static final class Browser extends Chromium.Window {

        /** Waits until the page speaks version 2 with the room's snapshot applied and the map has rendered. */
        void awaitReady() {
            await(PAGE_READY, "the page connects with version 2 and the map loads", () ->
                    connectedAndLoaded()
                            && Boolean.TRUE.equals(script("return window.waypoint.protocol === 'v2'"
                                    + " && window.waypoint.room.you !== null"))
                            && driver.findElement(By.id("toolbar")).isDisplayed());
        }

        /** Clicks the map at an offset from its centre; returns the {lat, lng} under that point before the click. */
        double[] clickMap(int dx, int dy) {
            double[] point = pointAt(dx, dy);
            new Actions(driver).moveToElement(canvas(), dx, dy).click().perform();
            return point;
        }

        /** The {lat, lng} under the pin's anchor moved by (dx, dy) pixels, by the map's projection. */
        double[] locationAfterDrag(WebElement pin, int dx, int dy) {
            @SuppressWarnings("unchecked")
            Map<String, Number> point = (Map<String, Number>) script("""
                    const map = window.waypoint.view.map;
                    const at = map.project([Number(arguments[0].dataset.lng), Number(arguments[0].dataset.lat)]);
                    const ll = map.unproject([at.x + arguments[1], at.y + arguments[2]]).wrap();
                    return { lat: ll.lat, lng: ll.lng };
                    """, pin, dx, dy);
            return new double[] {point.get("lat").doubleValue(), point.get("lng").doubleValue()};
        }

        List<WebElement> pins() {
            return driver.findElements(By.cssSelector(".waypoint-pin[data-pin-id]"));
        }

        WebElement pin(String label) {
            List<WebElement> found = driver.findElements(By.cssSelector(".waypoint-pin[data-label='" + label + "']"));
            assertEquals(1, found.size(), "pins labelled " + label);
            return found.get(0);
        }

        WebElement awaitPin(String label) {
            By selector = By.cssSelector(".waypoint-pin[data-label='" + label + "'][data-lat][data-lng]");
            await(CHANGE_ARRIVES, "a pin labelled " + label + " is shown", () -> !driver.findElements(selector).isEmpty());
            return pin(label);
        }

        /** Clicks a pin and returns its editor's form, once it is shown. */
        WebElement openEditor(String label) {
            WebElement pin = pin(label);
            String id = pin.getDomAttribute("data-pin-id");
            pin.click();
            By form = By.cssSelector(".pin-editor[data-pin-id='" + id + "']");
            await(CHANGE_ARRIVES, "the editor of " + label + " opens", () -> driver.findElements(form).stream()
                    .anyMatch(WebElement::isDisplayed));
            return driver.findElement(form);
        }

        /** Adds one metadata row in an open editor: key, type (string, number, boolean) and value. */
        void addMetadataRow(WebElement form, String key, String type, String value) {
            int before = form.findElements(By.cssSelector(".metadata-row")).size();
            form.findElement(By.cssSelector(".metadata-add")).click();
            List<WebElement> rows = form.findElements(By.cssSelector(".metadata-row"));
            assertEquals(before + 1, rows.size(), "a metadata row was added");
            WebElement row = rows.get(rows.size() - 1);
            row.findElement(By.name("key")).sendKeys(key);
            new Select(row.findElement(By.name("type"))).selectByValue(type);
            WebElement input = row.findElement(By.name("value")); // replaced when the type changed
            if ("boolean".equals(type)) {
                if (Boolean.parseBoolean(value) != input.isSelected()) {
                    input.click();
                }
            } else {
                input.sendKeys(value);
            }
        }

    }
}
