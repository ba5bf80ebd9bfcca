package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * Routes and the meeting point on the map page, in two real browser windows on one room against the real WAR. Same
 * browser set-up as {@link CollaborativeMapBrowserIT} ({@link Chromium}: Debian's Chromium through Debian's
 * chromedriver, kept on loopback); a missing browser fails the test.
 *
 * <p>Route lines are drawn on the map's canvas, so what is asserted is read from the routes panel ({@code #routes-list}
 * items with {@code data-route-id}, {@code data-points}, {@code data-length-meters} and the shown length in
 * {@code .route-length}), from the route's popup ({@code .route-card}), from the meeting point's marker
 * ({@code .waypoint-meetup} with {@code data-lat}, {@code data-lng}, {@code data-method}) and from the room as the page
 * holds it ({@code window.waypoint.room}). The length is checked against a haversine computed here from the room's
 * points (R = 6,371,008.8 m, protocol-v2.md).
 */
@ExtendWith(ArquillianExtension.class)
class RoutesAndMeetupBrowserIT {

    private static final Duration PAGE_READY = Duration.ofSeconds(60);
    private static final Duration CHANGE_ARRIVES = Duration.ofSeconds(15);

    private static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double METERS_PER_MILE = 1609.344;
    private static final String PURPLE = "#8e24aa";
    private static final String GREEN = "#2ecc71";

    /** Two places to share, as the browsers' geolocation overrides report them (Paris and Berlin). */
    private static final double[] PARIS = {48.8566, 2.3522};
    private static final double[] BERLIN = {52.52, 13.405};

    @ArquillianResource
    private URL deploymentUrl;

    @RegisterExtension
    final Chromium.Windows browsers = new Chromium.Windows();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    @Test
    void routeDrawnInOneWindowIsListedInTheOtherWithTheSameLengthInEitherUnit() {
        String room = freshRoom();
        Browser drawer = openRoom(room);
        Browser watcher = openRoom(room);
        browsers.watchFailures(() -> {
            drawer.awaitReady();
            watcher.awaitReady();
            assertTrue(watcher.routeItems().isEmpty(), "a fresh room has no routes");

            // A pin for the route to pass through ("Add pin" mode is on by default).
            drawer.driver.findElement(By.id("new-pin-label")).sendKeys("Cafe");
            drawer.clickMap(-150, 60);
            WebElement pin = drawer.awaitPin("Cafe");
            String pinId = pin.getDomAttribute("data-pin-id");

            drawer.driver.findElement(By.id("route-mode")).click();
            assertEquals("true", drawer.driver.findElement(By.id("route-mode")).getDomAttribute("aria-pressed"),
                    "\"Draw route\" is on");
            drawer.driver.findElement(By.cssSelector("#pin-colors [data-color='" + PURPLE + "']")).click();
            drawer.driver.findElement(By.id("new-pin-label")).sendKeys("Walk");
            drawer.clickMap(100, -50);
            drawer.clickMap(150, 80);
            pin.click();
            drawer.await(CHANGE_ARRIVES, "three points in the route being drawn", () ->
                    "3".equals(drawer.driver.findElement(By.id("route-draft-status")).getDomAttribute("data-points")));
            assertEquals(1, drawer.pins().size(), "a click on a pin while drawing adds no pin");
            drawer.driver.findElement(By.id("route-finish")).click();

            WebElement shown = watcher.awaitRouteItem();
            WebElement drawn = drawer.awaitRouteItem();
            String routeId = shown.getDomAttribute("data-route-id");
            assertEquals(drawn.getDomAttribute("data-route-id"), routeId, "the same route in both windows");
            assertEquals("3", shown.getDomAttribute("data-points"), "points of the route in the other window");
            assertEquals(drawn.getDomAttribute("data-points"), shown.getDomAttribute("data-points"), "points in both windows");
            String kmText = lengthText(shown);
            assertEquals(lengthText(drawn), kmText, "length text in both windows");
            assertTrue(kmText.endsWith(" km"), "kilometres by default: " + kmText);

            // The room's route as the other window holds it: colour, label, the pin as its last point.
            @SuppressWarnings("unchecked")
            Map<String, Object> route = (Map<String, Object>) watcher.script(
                    "return window.waypoint.room.routes.find(r => r.id === arguments[0])", routeId);
            assertEquals(PURPLE, route.get("color"), "colour of the route");
            assertEquals("Walk", route.get("label"), "label of the route");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> points = (List<Map<String, Object>>) route.get("points");
            assertEquals(3, points.size(), "points of the route");
            assertEquals(pinId, points.get(2).get("pinId"), "the clicked pin is the route's last point");

            // The length: the haversine sum over the points as they are now (the pin's point where the pin is).
            double meters = Double.parseDouble(shown.getDomAttribute("data-length-meters"));
            double[] pinAt = {Double.parseDouble(pin.getDomAttribute("data-lat")), Double.parseDouble(pin.getDomAttribute("data-lng"))};
            double expected = haversine(latLng(points.get(0)), latLng(points.get(1))) + haversine(latLng(points.get(1)), pinAt);
            assertEquals(expected, meters, 0.01, "length of the route in metres");
            double km = number(kmText);
            assertEquals(meters / 1000, km, halfStep(kmText), "shown kilometres vs. metres");

            // Miles, by the other window's choice: the same length in the other unit.
            watcher.driver.findElement(By.cssSelector("#routes-unit [data-unit='mi']")).click();
            watcher.await(CHANGE_ARRIVES, "the length is shown in miles", () -> lengthText(watcher.routeItem(routeId)).endsWith(" mi"));
            String miText = lengthText(watcher.routeItem(routeId));
            double mi = number(miText);
            assertEquals(km / 1.609344, mi, halfStep(kmText) / 1.609344 + halfStep(miText), "miles = km / 1.609344: " + kmText + " vs " + miText);
            assertEquals(meters / METERS_PER_MILE, mi, halfStep(miText), "shown miles vs. metres");
            assertEquals(miText, watcher.script("return window.waypoint.routeLengthText(arguments[0])", routeId),
                    "the debugging handle gives the shown text");
            assertEquals(kmText, lengthText(drawer.routeItem(routeId)), "the drawing window keeps its own unit");
            watcher.driver.findElement(By.cssSelector("#routes-unit [data-unit='km']")).click();
            watcher.await(CHANGE_ARRIVES, "back to kilometres", () -> kmText.equals(lengthText(watcher.routeItem(routeId))));
        });
    }

    @Test
    void routeDeletedInOneWindowIsRemovedInTheOther() {
        String room = freshRoom();
        Browser drawer = openRoom(room);
        Browser deleter = openRoom(room);
        browsers.watchFailures(() -> {
            drawer.awaitReady();
            deleter.awaitReady();
            drawer.driver.findElement(By.id("route-mode")).click();
            drawer.clickMap(-200, -40);
            // A double-click adds its point and finishes the route.
            drawer.doubleClickMap(120, 60);
            WebElement item = deleter.awaitRouteItem();
            String routeId = item.getDomAttribute("data-route-id");
            assertEquals("2", item.getDomAttribute("data-points"), "the double-click added one point, not two");
            drawer.awaitRouteItem();

            // A click on the line opens the route's popup ("Add pin" mode is on in this window: no pin is added).
            int[] middle = deleter.middleOfFirstSegment(routeId);
            new Actions(deleter.driver).moveToElement(deleter.canvas(), middle[0], middle[1]).click().perform();
            By card = By.cssSelector(".route-card[data-route-id='" + routeId + "']");
            deleter.await(CHANGE_ARRIVES, "the route's popup opens", () -> !deleter.driver.findElements(card).isEmpty());
            assertTrue(deleter.pins().isEmpty(), "a click on a route adds no pin");
            WebElement popup = deleter.driver.findElement(card);
            // (The list is drawn anew when the route is selected: its item is looked up again.)
            assertEquals(lengthText(deleter.routeItem(routeId)), popup.findElement(By.cssSelector(".route-card-length")).getText(),
                    "the popup shows the route's length");
            popup.findElement(By.name("delete")).click();

            drawer.await(CHANGE_ARRIVES, "the route is removed in the other window", () -> drawer.routeItems().isEmpty());
            deleter.await(CHANGE_ARRIVES, "the route is removed in the deleting window", () -> deleter.routeItems().isEmpty());
            assertEquals(0L, drawer.script("return window.waypoint.room.routes.length"), "no routes in the room");
            assertTrue(deleter.driver.findElements(card).isEmpty(), "the popup closed");
        });
    }

    @Test
    void routeRenamedAndRecolouredInOneWindowShowsSoInTheOther() {
        String room = freshRoom();
        Browser drawer = openRoom(room);
        Browser editor = openRoom(room);
        browsers.watchFailures(() -> {
            drawer.awaitReady();
            editor.awaitReady();
            drawer.driver.findElement(By.id("route-mode")).click();
            drawer.clickMap(-200, -40);
            drawer.doubleClickMap(120, 60);
            String routeId = editor.awaitRouteItem().getDomAttribute("data-route-id");
            drawer.awaitRouteItem();
            Object versionBefore = editor.script("return window.waypoint.room.routes[0].version");

            WebElement popup = editor.openRoutePopup(routeId);
            WebElement label = popup.findElement(By.name("label"));
            label.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Evening walk");
            By green = By.cssSelector(".route-card-colors [data-color='" + GREEN + "']");
            popup.findElement(green).click();
            assertEquals("true", popup.findElement(green).getDomAttribute("aria-checked"), "the picked colour is checked");
            popup.findElement(By.name("save")).click();

            drawer.await(CHANGE_ARRIVES, "the new label and colour are listed in the other window", () ->
                    List.of("Evening walk", GREEN).equals(drawer.listedLabelAndColor(routeId)));
            editor.await(CHANGE_ARRIVES, "the new label and colour are listed in the editing window", () ->
                    List.of("Evening walk", GREEN).equals(editor.listedLabelAndColor(routeId)));
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = (Map<String, Object>) drawer.script(
                    "return window.waypoint.routes.find(r => r.id === arguments[0])", routeId);
            assertEquals("Evening walk", shown.get("label"), "label of the route as the other window shows it");
            assertEquals(GREEN, shown.get("color"), "colour of the route as the other window shows it");
            @SuppressWarnings("unchecked")
            Map<String, Object> route = (Map<String, Object>) drawer.script(
                    "return window.waypoint.room.routes.find(r => r.id === arguments[0])", routeId);
            assertEquals("Evening walk", route.get("label"), "label of the room's route");
            assertEquals(GREEN, route.get("color"), "colour of the room's route");
            assertEquals(2, ((List<?>) route.get("points")).size(), "the points are untouched");
            assertNotEquals(versionBefore, route.get("version"), "a new version of the route");
            editor.await(CHANGE_ARRIVES, "the popup shows the new label", () -> "Evening walk".equals(editor.script(
                    "return document.querySelector('.route-card .route-card-title')?.textContent")));
        });
    }

    @Test
    void pointAddedAndRemovedInOneWindowChangesTheRouteInTheOther() {
        String room = freshRoom();
        Browser drawer = openRoom(room);
        Browser editor = openRoom(room);
        browsers.watchFailures(() -> {
            drawer.awaitReady();
            editor.awaitReady();
            // A route of two free points and a pin.
            drawer.driver.findElement(By.id("new-pin-label")).sendKeys("Cafe");
            drawer.clickMap(60, 120);
            WebElement pin = drawer.awaitPin("Cafe");
            String pinId = pin.getDomAttribute("data-pin-id");
            double[] pinAt = {Double.parseDouble(pin.getDomAttribute("data-lat")), Double.parseDouble(pin.getDomAttribute("data-lng"))};
            drawer.driver.findElement(By.id("route-mode")).click();
            drawer.clickMap(-160, -20);
            drawer.clickMap(140, -20);
            pin.click();
            drawer.await(CHANGE_ARRIVES, "three points in the route being drawn", () ->
                    "3".equals(drawer.driver.findElement(By.id("route-draft-status")).getDomAttribute("data-points")));
            drawer.driver.findElement(By.id("route-finish")).click();
            String routeId = editor.awaitRouteItem().getDomAttribute("data-route-id");
            drawer.awaitRouteItem();

            // "Edit points" in the other window; a click on the first segment adds a free point there.
            WebElement popup = editor.openRoutePopup(routeId);
            popup.findElement(By.name("edit-points")).click();
            editor.await(CHANGE_ARRIVES, "a handle on each point", () -> editor.handles().size() == 3);
            editor.awaitMapStill();
            int[] middle = editor.middleOfFirstSegment(routeId);
            editor.clickMap(middle[0], middle[1]);
            drawer.await(CHANGE_ARRIVES, "four points in the other window", () -> "4".equals(drawer.routePoints(routeId)));
            editor.await(CHANGE_ARRIVES, "four points in the editing window", () -> "4".equals(editor.routePoints(routeId)));
            assertEquals(1, editor.pins().size(), "a click on the line being edited adds no pin");
            List<Map<String, Object>> points = drawer.roomPoints(routeId);
            assertEquals(pinId, points.get(3).get("pinId"), "the pin is still the last point");
            assertTrue(points.get(1).get("lat") instanceof Number, "the new point is a free point, second on the route");
            double[] added = latLng(points.get(1));
            double[] addedAt = editor.offsetOf(added);
            assertEquals(middle[0], addedAt[0], 2, "the new point is where the line was clicked (x offset in pixels)");
            assertEquals(middle[1], addedAt[1], 2, "the new point is where the line was clicked (y offset in pixels)");
            drawer.assertLength(routeId, points, pinAt);
            assertEquals(lengthText(drawer.routeItem(routeId)), lengthText(editor.routeItem(routeId)), "length text in both windows");

            // A right-click on the pin's handle removes the pin's point.
            editor.await(CHANGE_ARRIVES, "a handle on each of the four points", () -> editor.handles().size() == 4);
            new Actions(editor.driver).contextClick(editor.handle(3)).perform();
            drawer.await(CHANGE_ARRIVES, "three points in the other window", () -> "3".equals(drawer.routePoints(routeId)));
            points = drawer.roomPoints(routeId);
            assertTrue(points.stream().noneMatch(p -> p.containsKey("pinId")), "the pin's point is gone");
            assertEquals(added[0], latLng(points.get(1))[0], "the added point stays");
            drawer.assertLength(routeId, points, pinAt);
            assertEquals(1, drawer.pins().size(), "the pin itself stays");

            // The × of a free point's handle removes it; below two points the page refuses.
            editor.await(CHANGE_ARRIVES, "a handle on each of the three points", () -> editor.handles().size() == 3);
            new Actions(editor.driver).moveToElement(editor.handle(1)).perform();
            new Actions(editor.driver).moveToElement(editor.handle(1).findElement(By.cssSelector(".route-handle-remove"))).click().perform();
            drawer.await(CHANGE_ARRIVES, "two points in the other window", () -> "2".equals(drawer.routePoints(routeId)));
            drawer.assertLength(routeId, drawer.roomPoints(routeId), pinAt);
            editor.await(CHANGE_ARRIVES, "a handle on each of the two points", () -> editor.handles().size() == 2);
            new Actions(editor.driver).contextClick(editor.handle(0)).perform();
            editor.await(CHANGE_ARRIVES, "the page says why the point stays", () -> Boolean.TRUE.equals(editor.script(
                    "return [...document.querySelectorAll('.toast')].some(t => t.textContent.includes('at least two points'))")));
            assertEquals(2, editor.roomPoints(routeId).size(), "a route keeps two points");
            assertEquals("2", drawer.routePoints(routeId), "two points in the other window");
        });
    }

    @Test
    void meetingPointOfTwoSharedLocationsShowsInBothWindowsAtTheirMidpoint() {
        String room = freshRoom();
        Browser paris = openRoom(room);
        Browser berlin = openRoom(room);
        browsers.watchFailures(() -> {
            paris.awaitReady();
            berlin.awaitReady();
            assertTrue(Boolean.TRUE.equals(paris.script("return window.waypoint.room.features.includes('meetup')")),
                    "the server offers the meeting point (\"meetup\" in the snapshot's features)");
            assertTrue(paris.driver.findElements(By.cssSelector(".waypoint-meetup")).isEmpty(), "no meeting point yet");

            paris.share(PARIS);
            berlin.share(BERLIN);

            double[] expected = midpoint(PARIS, BERLIN);
            double[] atParis = paris.awaitMeetup();
            double[] atBerlin = berlin.awaitMeetup();
            assertEquals(atParis[0], atBerlin[0], "latitude of the meeting point in both windows");
            assertEquals(atParis[1], atBerlin[1], "longitude of the meeting point in both windows");
            assertEquals(expected[0], atParis[0], 0.01, "latitude: the great-circle midpoint");
            assertEquals(expected[1], atParis[1], 0.01, "longitude: the great-circle midpoint");
            WebElement marker = paris.driver.findElement(By.cssSelector(".waypoint-meetup"));
            assertTrue(marker.isDisplayed(), "the meeting point is visible");
            assertTrue(List.of("great-circle", "router").contains(marker.getDomAttribute("data-method")),
                    "method: " + marker.getDomAttribute("data-method"));
            assertEquals(2L, paris.script("return window.waypoint.room.meetup.routes.length"),
                    "a way to the meeting point for each of the two");

            // Once one stops sharing there is no meeting point.
            berlin.driver.findElement(By.id("share-location")).click();
            paris.await(CHANGE_ARRIVES, "the meeting point goes away",
                    () -> paris.driver.findElements(By.cssSelector(".waypoint-meetup")).isEmpty());
        });
    }

    // --- Helpers ------------------------------------------------------------------------------------------------------

    private static String lengthText(WebElement item) {
        return item.findElement(By.cssSelector(".route-length")).getText();
    }

    /** The number in a length text such as "13,548 km" or "2.35 mi" (the page formats for en-US here). */
    private static double number(String text) {
        return Double.parseDouble(text.replaceAll("[^0-9.]", ""));
    }

    /** Half the last shown digit of a length text: how far rounding can move the shown number. */
    private static double halfStep(String text) {
        String digits = text.replaceAll("[^0-9.]", "");
        int dot = digits.indexOf('.');
        int decimals = dot < 0 ? 0 : digits.length() - dot - 1;
        return 0.5 * Math.pow(10, -decimals) + 1e-9;
    }

    private static double[] latLng(Map<String, Object> point) {
        return new double[] {((Number) point.get("lat")).doubleValue(), ((Number) point.get("lng")).doubleValue()};
    }

    private static double haversine(double[] a, double[] b) {
        double dLat = Math.toRadians(b[0] - a[0]);
        double dLng = Math.toRadians(b[1] - a[1]);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a[0])) * Math.cos(Math.toRadians(b[0])) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** The great-circle midpoint of two {lat, lng}: the normalised sum of their unit vectors. */
    private static double[] midpoint(double[] a, double[] b) {
        double x = 0;
        double y = 0;
        double z = 0;
        for (double[] p : List.of(a, b)) {
            double lat = Math.toRadians(p[0]);
            double lng = Math.toRadians(p[1]);
            x += Math.cos(lat) * Math.cos(lng);
            y += Math.cos(lat) * Math.sin(lng);
            z += Math.sin(lat);
        }
        return new double[] {Math.toDegrees(Math.atan2(z, Math.hypot(x, y))), Math.toDegrees(Math.atan2(y, x))};
    }

    private Browser openRoom(String room) {
        return browsers.open(new Browser(), Chromium.roomUrl(deploymentUrl, room));
    }

    private static String freshRoom() {
        return "routes-it-" + UUID.randomUUID();
    }

    /** One Chromium window on the map page, speaking version 2, with routes. */
    private static final class Browser extends Chromium.Window {

        /** Waits until the page speaks version 2 with the room's snapshot applied, the map has rendered and routes are offered. */
        void awaitReady() {
            await(PAGE_READY, "the page connects with version 2, the map loads and routes are offered", () ->
                    "open".equals(driver.findElement(By.id("connection-state")).getDomAttribute("data-state"))
                            && !driver.findElements(By.cssSelector("#map[data-loaded='true']")).isEmpty()
                            && Boolean.TRUE.equals(script("return window.waypoint.protocol === 'v2'"
                                    + " && window.waypoint.room.you !== null"))
                            && driver.findElement(By.id("toolbar")).isDisplayed()
                            && driver.findElement(By.id("route-mode")).isDisplayed()
                            && driver.findElement(By.id("routes")).isDisplayed());
        }

        /** Clicks the map at an offset from its centre. */
        void clickMap(int dx, int dy) {
            new Actions(driver).moveToElement(canvas(), dx, dy).click().perform();
        }

        void doubleClickMap(int dx, int dy) {
            new Actions(driver).moveToElement(canvas(), dx, dy).doubleClick().perform();
        }

        /** The offset from the map's centre of the middle of a route's first segment, by the map's projection. */
        int[] middleOfFirstSegment(String routeId) {
            @SuppressWarnings("unchecked")
            List<Number> xy = (List<Number>) script("""
                    const map = window.waypoint.view.map;
                    const route = window.waypoint.room.routes.find(r => r.id === arguments[0]);
                    const [a, b] = route.points.slice(0, 2).map(p => map.project([p.lng, p.lat]));
                    const box = map.getCanvas().getBoundingClientRect();
                    return [Math.round((a.x + b.x) / 2 - box.width / 2), Math.round((a.y + b.y) / 2 - box.height / 2)];
                    """, routeId);
            return new int[] {xy.get(0).intValue(), xy.get(1).intValue()};
        }

        List<WebElement> pins() {
            return driver.findElements(By.cssSelector(".waypoint-pin[data-pin-id]"));
        }

        /** Opens a route's popup from the routes panel; returns the popup's card. */
        WebElement openRoutePopup(String routeId) {
            driver.findElement(By.cssSelector("#routes-list [data-route-id='" + routeId + "'] .route-open")).click();
            By card = By.cssSelector(".route-card[data-route-id='" + routeId + "']");
            await(CHANGE_ARRIVES, "the route's popup opens", () -> !driver.findElements(card).isEmpty());
            awaitMapStill();
            return driver.findElement(card);
        }

        /** Waits until the map has stopped moving (opening a popup may fly or pan it). */
        void awaitMapStill() {
            await(CHANGE_ARRIVES, "the map stops moving", () -> Boolean.TRUE.equals(script(
                    "return !window.waypoint.view.map.isMoving() && window.waypoint.view.map.loaded()")));
        }

        /** The label and colour of a route as the routes panel lists it: [name text, data-color], or null. */
        List<?> listedLabelAndColor(String routeId) {
            return (List<?>) script("""
                    const item = document.querySelector(`#routes-list [data-route-id="${arguments[0]}"]`);
                    return item === null ? null : [item.querySelector('.route-name').textContent, item.dataset.color];
                    """, routeId);
        }

        /** The offset from the map's centre (pixels) of a {lat, lng}, by the map's projection. */
        double[] offsetOf(double[] at) {
            List<?> xy = (List<?>) script("""
                    const map = window.waypoint.view.map;
                    const p = map.project([arguments[1], arguments[0]]);
                    const box = map.getCanvas().getBoundingClientRect();
                    return [p.x - box.width / 2, p.y - box.height / 2];
                    """, at[0], at[1]);
            return new double[] {((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue()};
        }

        /** The number of points the routes panel lists for a route (read in one go: the list is redrawn often). */
        String routePoints(String routeId) {
            return (String) script("""
                    const item = document.querySelector(`#routes-list [data-route-id="${arguments[0]}"]`);
                    return item === null ? null : item.dataset.points;
                    """, routeId);
        }

        List<WebElement> handles() {
            return driver.findElements(By.cssSelector(".route-handle[data-index]"));
        }

        WebElement handle(int index) {
            return driver.findElement(By.cssSelector(".route-handle[data-index='" + index + "']"));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> roomPoints(String routeId) {
            return (List<Map<String, Object>>) script(
                    "return window.waypoint.room.routes.find(r => r.id === arguments[0]).points", routeId);
        }

        /**
         * The listed length of a route is the haversine sum over these points (a pin's point where the pin is), and
         * its text shows that many kilometres.
         */
        void assertLength(String routeId, List<Map<String, Object>> points, double[] pinAt) {
            double expected = 0;
            for (int i = 1; i < points.size(); i++) {
                double[] a = points.get(i - 1).containsKey("pinId") ? pinAt : latLng(points.get(i - 1));
                double[] b = points.get(i).containsKey("pinId") ? pinAt : latLng(points.get(i));
                expected += haversine(a, b);
            }
            WebElement item = routeItem(routeId);
            assertEquals(String.valueOf(points.size()), item.getDomAttribute("data-points"), "points of the listed route");
            assertEquals(expected, Double.parseDouble(item.getDomAttribute("data-length-meters")), 0.01, "length of the route in metres");
            String text = lengthText(item);
            assertTrue(text.endsWith(" km"), "kilometres: " + text);
            assertEquals(expected / 1000, number(text), halfStep(text), "shown kilometres vs. metres: " + text);
        }

        WebElement awaitPin(String label) {
            By selector = By.cssSelector(".waypoint-pin[data-label='" + label + "'][data-lat][data-lng]");
            await(CHANGE_ARRIVES, "a pin labelled " + label + " is shown", () -> !driver.findElements(selector).isEmpty());
            return driver.findElement(selector);
        }

        List<WebElement> routeItems() {
            return driver.findElements(By.cssSelector("#routes-list [data-route-id]"));
        }

        WebElement routeItem(String id) {
            return driver.findElement(By.cssSelector("#routes-list [data-route-id='" + id + "']"));
        }

        /** Waits for the one route of the room to be listed. */
        WebElement awaitRouteItem() {
            await(CHANGE_ARRIVES, "a route is listed", () -> routeItems().size() == 1);
            return routeItems().get(0);
        }

        /** Shares a location {lat, lng}, through the browser's geolocation as a person would. */
        void share(double[] at) {
            driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
            driver.executeCdpCommand("Emulation.setGeolocationOverride",
                    Map.of("latitude", at[0], "longitude", at[1], "accuracy", 20));
            driver.findElement(By.id("share-location")).click();
            await(CHANGE_ARRIVES, "the location is shared", () ->
                    "on".equals(driver.findElement(By.id("share-location")).getDomAttribute("data-sharing")));
        }

        /** Waits for the meeting point's marker; returns its {lat, lng}. */
        double[] awaitMeetup() {
            By marker = By.cssSelector(".waypoint-meetup[data-lat][data-lng]");
            await(CHANGE_ARRIVES, "the meeting point is shown", () -> !driver.findElements(marker).isEmpty());
            WebElement shown = driver.findElement(marker);
            double[] at = {Double.parseDouble(shown.getDomAttribute("data-lat")), Double.parseDouble(shown.getDomAttribute("data-lng"))};
            assertNotEquals(0.0, at[0], "a latitude");
            return at;
        }

    }
}
