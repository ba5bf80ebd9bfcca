package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
import org.openqa.selenium.interactions.Actions;

/**
 * The map page in a real browser against the real WAR: Debian's Chromium (WebGL through SwiftShader, so MapLibre
 * renders) driven by Selenium through Debian's chromedriver, set up by {@link Chromium}. Proves what the WebSocket
 * ITs cannot: that the page turns a click into a pin everyone sees, and that it recovers by itself when the server
 * drops its connection.
 *
 * <p>Chromium is kept on loopback ({@code --host-resolver-rules} resolves nothing but 127.0.0.1 and localhost, and
 * background networking is off). A missing browser or driver fails the test: a browser test that quietly skips
 * proves nothing.
 *
 * <p>The page's debugging handle {@code window.waypoint} ({@code state}, {@code socket}, {@code connection}) is used
 * to watch state changes and to make the page break the server's frame limit; everything asserted about the pin is
 * read from the DOM, as a user would see it.
 */
@ExtendWith(ArquillianExtension.class)
class MapPageBrowserIT {

    /** Over the server's 64 KiB message limit ({@code waypoint.max-message-bytes}). */
    private static final int OVERSIZED_FRAME_CHARS = 100_000;
    /** How the server closes a connection over an oversized message: 1009 (Message Too Big). */
    private static final int SERVER_CLOSED_FOR_SIZE = 1009;

    private static final Duration PAGE_READY = Duration.ofSeconds(60);
    private static final Duration PIN_ARRIVES = Duration.ofSeconds(15);
    private static final Duration SERVER_CLOSES = Duration.ofSeconds(10);
    private static final Duration RECONNECTED = Duration.ofSeconds(30);

    @ArquillianResource
    private URL deploymentUrl;

    @RegisterExtension
    final Chromium.Windows browsers = new Chromium.Windows();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    @Test
    void clickInOneWindowPutsThePinInBothAtTheSameCoordinates() {
        String room = freshRoom();
        Browser clicker = openRoom(room);
        Browser watcher = openRoom(room);
        browsers.watchFailures(() -> {
            clicker.awaitReady();
            watcher.awaitReady();
            assertNull(clicker.pin(), "a fresh room has no pin");
            assertNull(watcher.pin(), "a fresh room has no pin");

            double[] clicked = clicker.clickMap(120, -80);

            double[] atClicker = clicker.awaitPin();
            double[] atWatcher = watcher.awaitPin();
            assertEquals(atClicker[0], atWatcher[0], "latitude in both windows");
            assertEquals(atClicker[1], atWatcher[1], "longitude in both windows");
            // The pin lands where the user clicked (a degree is several pixels at the page's world view).
            assertEquals(clicked[0], atClicker[0], 1.0, "latitude of the pin vs. the clicked point");
            assertEquals(clicked[1], atClicker[1], 1.0, "longitude of the pin vs. the clicked point");
            assertTrue(clicker.markerVisible() && watcher.markerVisible(), "the marker is shown in both windows");
        });
    }

    @Test
    void pageReconnectsAfterTheServerDropsItsConnectionAndStillReceivesPins() {
        String room = freshRoom();
        Browser page = openRoom(room);
        browsers.watchFailures(() -> {
            page.awaitReady();
            page.script("""
                    window.__it = { states: [], closeCode: null, droppedSocket: window.waypoint.socket };
                    window.waypoint.connection.addEventListener('statechange',
                        (e) => window.__it.states.push(e.detail.state));
                    window.__it.droppedSocket.addEventListener('close', (e) => { window.__it.closeCode = e.code; });
                    """);

            page.script("window.waypoint.socket.send('x'.repeat(arguments[0]));", OVERSIZED_FRAME_CHARS);

            page.await(SERVER_CLOSES, "the server closes the connection after a message over its size limit",
                    () -> page.script("return window.__it.closeCode") != null);
            int closeCode = ((Number) page.script("return window.__it.closeCode")).intValue();
            assertEquals(SERVER_CLOSED_FOR_SIZE, closeCode, "the server's close code");
            page.await(RECONNECTED, "the page is open again on a new connection", () -> Boolean.TRUE.equals(page.script(
                    "return window.waypoint.state === 'open'"
                            + " && window.waypoint.socket !== window.__it.droppedSocket"
                            + " && window.waypoint.socket.readyState === WebSocket.OPEN")));
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) page.script("return window.__it.states");
            assertFalse(states.isEmpty(), "the page reported its state changes");
            assertEquals("reconnecting", states.get(0), "first state change after the drop, of " + states);
            assertEquals("open", states.get(states.size() - 1), "last state change, of " + states);
            assertEquals("open", page.indicatorState(), "the indicator shows the connection open again");

            // Another client of the room sets a pin: it reaches the reconnected page.
            double[] sent = {48.8566, 2.3522};
            setPinFromAnotherClient(room, sent);
            double[] shown = page.awaitPin();
            assertEquals(sent[0], shown[0], "latitude of the pin sent after the reconnect");
            assertEquals(sent[1], shown[1], "longitude of the pin sent after the reconnect");
        });
    }

    private Browser openRoom(String room) {
        return browsers.open(new Browser(), Chromium.roomUrl(deploymentUrl, room));
    }

    private static String freshRoom() {
        return "browser-it-" + UUID.randomUUID();
    }

    /** Sends one setPin as a plain WebSocket client of the room (the JDK's), then leaves. */
    private void setPinFromAnotherClient(String room, double[] location) {
        URI endpoint = URI.create(Chromium.pageUrl(deploymentUrl).replaceFirst("^http", "ws") + "api/map?id="
                + URLEncoder.encode(room, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(endpoint, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            String setPin = String.format(Locale.ROOT, "{\"type\":\"setPin\",\"location\":{\"lat\":%s,\"lng\":%s}}",
                    location[0], location[1]);
            socket.sendText(setPin, true).get(10, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("a second client could not set the pin in room " + room, e);
        }
    }

    /** One Chromium window on the map page. */
    private static final class Browser extends Chromium.Window {

        /** Waits until the page is connected and the map has rendered its style. */
        void awaitReady() {
            await(PAGE_READY, "the page connects and the map loads", this::connectedAndLoaded);
        }

        /** Clicks the map at an offset from its centre; returns the {lat, lng} under that point before the click. */
        double[] clickMap(int dx, int dy) {
            double[] point = pointAt(dx, dy);
            new Actions(driver).moveToElement(canvas(), dx, dy).click().perform();
            return point;
        }

        /** The pin as the page shows it (the marker's data-lat/data-lng), or null when there is none. */
        double[] pin() {
            List<WebElement> markers = driver.findElements(By.cssSelector(".waypoint-pin[data-lat][data-lng]"));
            if (markers.isEmpty()) {
                return null;
            }
            assertEquals(1, markers.size(), "one pin per room");
            WebElement marker = markers.get(0);
            return new double[] {Double.parseDouble(marker.getDomAttribute("data-lat")),
                    Double.parseDouble(marker.getDomAttribute("data-lng"))};
        }

        /** Waits until a pin is shown and returns it. */
        double[] awaitPin() {
            double[][] seen = new double[1][];
            await(PIN_ARRIVES, "a pin is shown", () -> (seen[0] = pin()) != null);
            assertNotNull(seen[0]);
            return seen[0];
        }

        boolean markerVisible() {
            return driver.findElement(By.cssSelector(".waypoint-pin")).isDisplayed();
        }

    }
}
