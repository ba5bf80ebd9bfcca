package dev.waypoint.web;

import static dev.waypoint.access.TestTokens.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.access.TestTokens;
import java.io.File;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * The page's security in a real browser: its Content-Security-Policy admits everything the page and MapLibre do
 * (and the check for violations does catch one), a view token makes the page read-only, and a protected room without
 * a token shows that access was refused instead of reconnecting forever. The server is configured by
 * {@code src/test/resources/arquillian.xml} (rooms {@code secret-*} need a token).
 */
@ExtendWith(ArquillianExtension.class)
class PageSecurityBrowserIT {

    private static final Duration PAGE_READY = Duration.ofSeconds(60);
    private static final Duration SHOWN = Duration.ofSeconds(15);
    /** A page that breaks the policy twice: an inline script and an inline style attribute. */
    private static final String PROBE = "<!doctype html><html><head><title>probe</title>"
            + "<script>document.title = 'inline script ran';</script></head>"
            + "<body><p style=\"color: red\">probe</p></body></html>";

    @ArquillianResource
    private URL deploymentUrl;

    @RegisterExtension
    final Chromium.Windows browsers = new Chromium.Windows();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")))
                .addAsWebResource(new StringAsset(PROBE), "csp-probe.html");
    }

    @Test
    void aViolationOfThePolicyIsBlockedAndSeen() {
        Page probe = browsers.open(new Page(), Chromium.pageUrl(deploymentUrl) + "csp-probe.html");
        browsers.watchFailures(() -> {
            assertEquals("probe", probe.driver.getTitle(), "the inline script was blocked");
            List<String> violations = probe.cspViolations();
            assertTrue(violations.stream().anyMatch(v -> v.contains("script-src")), "violations seen: " + violations);
        });
    }

    @Test
    void theMapPageKeepsToItsPolicy() {
        Page page = browsers.open(new Page(), Chromium.roomUrl(deploymentUrl, "csp-it-" + UUID.randomUUID()));
        browsers.watchFailures(() -> {
            page.awaitReady();
            // Add a pin and open its editor: markers, popups, the label and symbol are DOM the page builds.
            page.driver.findElement(By.id("new-pin-label")).sendKeys("Policy");
            new Actions(page.driver).moveToElement(page.canvas(), -100, 40).click().perform();
            By pin = By.cssSelector(".waypoint-pin[data-label='Policy']");
            page.await(SHOWN, "the pin is shown", () -> !page.driver.findElements(pin).isEmpty());
            page.driver.findElement(pin).click();
            page.await(SHOWN, "its editor opens", () -> !page.driver.findElements(By.cssSelector(".pin-editor")).isEmpty());
            assertEquals(List.of(), page.cspViolations(), "Content-Security-Policy violations of the map page");
        });
    }

    @Test
    void aViewTokenMakesThePageReadOnly() {
        String room = "secret-browser-" + UUID.randomUUID();
        String token = TestTokens.hs256(TestTokens.IT_SECRET,
                claims(600, "\"room\":\"" + room + "\",\"access\":\"view\",\"name\":\"Viewer\""));
        Page page = browsers.open(new Page(), Chromium.roomUrl(deploymentUrl, room) + "&token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
        browsers.watchFailures(() -> {
            page.await(PAGE_READY, "the page connects read-only and the map loads", () -> page.connectedAndLoaded()
                    && Boolean.TRUE.equals(page.script("return window.waypoint.readOnly")));
            assertFalse(page.driver.findElement(By.id("toolbar")).isDisplayed(), "no tools to add pins or routes");
            assertFalse(page.driver.findElement(By.id("share-location")).isDisplayed(), "no location sharing");
            assertEquals("Viewer", page.driver.findElement(By.id("my-name")).getDomProperty("value"));
            assertTrue(page.driver.findElement(By.cssSelector(".hint")).getText().contains("view"));
            new Actions(page.driver).moveToElement(page.canvas(), 60, 30).click().perform();
            page.script("window.waypoint.connection.sendPing();");
            page.await(SHOWN, "a ping round trip after the click", () -> page.driver
                    .findElement(By.id("connection-state")).getDomAttribute("title") != null
                    && !page.driver.findElement(By.id("connection-state")).getDomAttribute("title").isEmpty());
            assertEquals(0L, page.script("return window.waypoint.room.pins.length"), "the click added no pin");
            assertEquals("open", page.indicatorState(), "still connected");
        });
    }

    @Test
    void aProtectedRoomWithoutTokenSaysSoAndStopsTrying() throws InterruptedException {
        Page page = browsers.open(new Page(), Chromium.roomUrl(deploymentUrl, "secret-browser-" + UUID.randomUUID()));
        browsers.watchFailures(() -> {
            page.await(PAGE_READY, "the page shows that access was refused", () -> "refused".equals(page.indicatorState()));
            assertEquals("No access", page.driver.findElement(By.cssSelector(".connection-label")).getText());
            page.await(SHOWN, "a message says why", () -> page.driver.findElement(By.id("toasts")).getText()
                    .contains("You have no access to this room"));
            assertEquals("You have no access to this room.", page.driver.findElement(By.cssSelector(".hint")).getText());
        });
        Thread.sleep(3000); // a page that reconnected would have left "refused" by now (its first retry: under 0.5 s)
        browsers.watchFailures(() -> {
            assertEquals("refused", page.indicatorState(), "the page did not try again");
            assertEquals(null, page.script("return window.waypoint.socket"), "no connection open or opening");
        });
    }

    /** One Chromium window on a page of the application. */
    private static final class Page extends Chromium.Window {

        void awaitReady() {
            await(PAGE_READY, "the page connects with version 2 and the map loads", () -> connectedAndLoaded()
                    && Boolean.TRUE.equals(script("return window.waypoint.protocol === 'v2'"))
                    && driver.findElement(By.id("toolbar")).isDisplayed());
        }
    }
}
