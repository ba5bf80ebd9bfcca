package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.waypoint.testsupport.PayaraMicroProcess;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * The map page as users of a cluster see it: two Chromium windows on one room, each on another instance of a
 * two-instance cluster (the README's cluster switches, loopback ports); a click in one puts the pin in both.
 */
class ClusterBrowserIT {

    private static final Duration PAGE_READY = Duration.ofSeconds(60);
    private static final Duration PIN_ARRIVES = Duration.ofSeconds(15);
    private static PayaraMicroProcess a;
    private static PayaraMicroProcess b;
    @RegisterExtension
    final Chromium.Windows browsers = new Chromium.Windows();

    @BeforeAll
    static void startCluster() {
        List<Integer> gridPorts = List.of(PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort());
        String name = "waypoint-browser-" + UUID.randomUUID().toString().substring(0, 8);
        a = new PayaraMicroProcess("cluster-browser-a").cluster(name, gridPorts, 0).start();
        b = new PayaraMicroProcess("cluster-browser-b").cluster(name, gridPorts, 1).start();
        a.awaitReady();
        b.awaitReady();
    }

    @AfterAll
    static void stopCluster() {
        for (PayaraMicroProcess instance : new PayaraMicroProcess[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void aClickOnOneInstancePutsThePinOnTheOther() throws Exception {
        String room = "cluster-browser-" + UUID.randomUUID();
        Browser onA = browsers.open(new Browser(), Chromium.roomUrl(new URL(a.baseUri().toString()), room));
        Browser onB = browsers.open(new Browser(), Chromium.roomUrl(new URL(b.baseUri().toString()), room));
        browsers.watchFailures(() -> {
            onA.awaitReady();
            onB.awaitReady();
            double[] clicked = onA.clickMap(100, -60);
            double[] atA = onA.awaitPin();
            double[] atB = onB.awaitPin();
            assertEquals(clicked[0], atA[0], 1.0, "latitude where the user clicked");
            assertEquals(atA[0], atB[0], "the same pin on the other instance");
            assertEquals(atA[1], atB[1]);
            onB.screenshot("ClusterBrowserIT-instance-b");

            double[] second = onB.clickMap(-120, 40); // and the other way: a second pin (the page adds one per click)
            onA.await(PIN_ARRIVES, "the pin added on the other instance", () -> onA.pins().stream()
                    .anyMatch(p -> Math.abs(p[0] - second[0]) < 1.0 && Math.abs(p[1] - second[1]) < 1.0));
            assertEquals(2, onA.pins().size());
        });
    }

    /** One Chromium window on the map page. */
    private static final class Browser extends Chromium.Window {

        void awaitReady() {
            await(PAGE_READY, "the page connects and the map loads", this::connectedAndLoaded);
        }

        double[] clickMap(int dx, int dy) {
            double[] point = pointAt(dx, dy);
            new Actions(driver).moveToElement(canvas(), dx, dy).click().perform();
            return point;
        }

        List<double[]> pins() {
            return driver.findElements(By.cssSelector(".waypoint-pin[data-lat][data-lng]")).stream()
                    .map(marker -> new double[] {Double.parseDouble(marker.getDomAttribute("data-lat")),
                            Double.parseDouble(marker.getDomAttribute("data-lng"))}).toList();
        }

        double[] pin() {
            List<double[]> pins = pins();
            return pins.isEmpty() ? null : pins.get(0);
        }

        double[] awaitPin() {
            double[][] seen = new double[1][];
            await(PIN_ARRIVES, "a pin is shown", () -> (seen[0] = pin()) != null);
            assertNotNull(seen[0]);
            return seen[0];
        }
    }
}
