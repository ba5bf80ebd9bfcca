package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser set-up the browser ITs share: Debian's Chromium (WebGL through SwiftShader, so MapLibre renders) driven
 * by Selenium through Debian's chromedriver, one fresh profile per window.
 *
 * <p>Chromium is kept on loopback ({@code --host-resolver-rules} resolves nothing but 127.0.0.1 and localhost, and
 * background networking is off), so pages are opened at 127.0.0.1 rather than the address Arquillian names. A missing
 * browser or driver fails the test: a browser test that quietly skips proves nothing.
 */
final class Chromium {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            // WebGL 2 for MapLibre without a GPU; --disable-software-rasterizer would break it.
            "--use-angle=swiftshader",
            "--enable-unsafe-swiftshader",
            "--use-gl=angle",
            // Nothing leaves the machine: no Google hosts, no updates, no proxy.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-proxy-server",
            "--no-first-run",
            "--no-default-browser-check",
            "--window-size=1024,768");

    private Chromium() {
    }

    /** The page's URL on loopback (Arquillian names the machine's external address). */
    static String pageUrl(URL deploymentUrl) {
        try {
            URI uri = deploymentUrl.toURI();
            String path = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
            return new URI(uri.getScheme(), null, "127.0.0.1", uri.getPort(), path, null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The map page of a room, on loopback. */
    static String roomUrl(URL deploymentUrl, String room) {
        return pageUrl(deploymentUrl) + "?id=" + URLEncoder.encode(room, StandardCharsets.UTF_8);
    }

    /**
     * The windows one test opens: a screenshot of each when the test fails, all closed after it. A test class
     * registers it as an extension ({@code @RegisterExtension}): before each test it checks that the browser is there,
     * after each it closes the test's windows.
     */
    static final class Windows implements BeforeEachCallback, AfterEachCallback {
        private final List<Window> windows = new ArrayList<>();
        private String testName;

        /** Names the test's screenshots; fails (never skips) when Chromium or chromedriver is missing. */
        @Override
        public void beforeEach(ExtensionContext context) {
            testName = context.getRequiredTestMethod().getName();
            if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                fail("The browser tests need Debian's Chromium and chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get install -y chromium chromium-driver");
            }
        }

        /** Keeps a window started by the test (to be closed after it) and opens a URL in it. */
        <W extends Window> W open(W window, String url) {
            windows.add(window);
            window.driver.get(url);
            return window;
        }

        /** Runs a test body; on failure keeps a screenshot of every window under target/ before rethrowing. */
        void watchFailures(Runnable body) {
            try {
                body.run();
            } catch (RuntimeException | AssertionError e) {
                for (int i = 0; i < windows.size(); i++) {
                    windows.get(i).screenshot(testName + "-window" + (i + 1));
                }
                throw e;
            }
        }

        /**
         * Closes every window, and fails when any of them logged a Content-Security-Policy violation: the page's
         * policy ({@code SecurityHeadersFilter}) must admit everything the page and MapLibre really do.
         */
        @Override
        public void afterEach(ExtensionContext context) {
            closeAll();
        }

        void closeAll() {
            List<String> violations = new ArrayList<>();
            for (Window window : windows) {
                try {
                    violations.addAll(window.cspViolations());
                } catch (RuntimeException e) {
                    // A window whose browser is gone already has nothing more to say.
                }
            }
            windows.forEach(Window::close);
            windows.clear();
            if (!violations.isEmpty()) {
                fail("the page broke its Content-Security-Policy: " + violations);
            }
        }
    }

    /** One Chromium window with its own chromedriver and a fresh profile; each IT adds what its page needs. */
    static class Window implements AutoCloseable {
        final ChromeDriverService service;
        final ChromeDriver driver;
        final Path profile;

        Window() {
            try {
                profile = Files.createTempDirectory("waypoint-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(FLAGS);
            options.addArguments("--user-data-dir=" + profile);
            // The console, so that Content-Security-Policy violations can be read ({@link #cspViolations()}).
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            try {
                driver = new ChromeDriver(service, options);
            } catch (RuntimeException e) {
                service.stop();
                deleteProfile();
                throw e;
            }
        }

        /** The connection indicator's state ({@code data-state} of {@code #connection-state}). */
        String indicatorState() {
            return driver.findElement(By.id("connection-state")).getDomAttribute("data-state");
        }

        /** The page is connected and the map has rendered its style. */
        boolean connectedAndLoaded() {
            return "open".equals(indicatorState())
                    && !driver.findElements(By.cssSelector("#map[data-loaded='true']")).isEmpty();
        }

        WebElement canvas() {
            return driver.findElement(By.cssSelector("#map canvas"));
        }

        /** The {lat, lng} under an offset from the map's centre, by the map's projection. */
        double[] pointAt(int dx, int dy) {
            @SuppressWarnings("unchecked")
            Map<String, Number> point = (Map<String, Number>) script("""
                    const box = arguments[0].getBoundingClientRect();
                    const ll = window.waypoint.view.map.unproject([box.width / 2 + arguments[1], box.height / 2 + arguments[2]]).wrap();
                    return { lat: ll.lat, lng: ll.lng };
                    """, canvas(), dx, dy);
            return new double[] {point.get("lat").doubleValue(), point.get("lng").doubleValue()};
        }

        /** Console messages since the last call that report a Content-Security-Policy violation. */
        List<String> cspViolations() {
            List<String> violations = new ArrayList<>();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                String message = entry.getMessage();
                if (message.contains("Content Security Policy") || message.contains("Content-Security-Policy")) {
                    violations.add(message);
                }
            }
            return violations;
        }

        Object script(String source, Object... args) {
            return ((JavascriptExecutor) driver).executeScript(source, args);
        }

        void await(Duration timeout, String what, BooleanSupplier condition) {
            new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                    .withMessage(() -> what + " (page state " + safeState() + ")")
                    .until(d -> condition.getAsBoolean());
        }

        private String safeState() {
            try {
                return indicatorState();
            } catch (RuntimeException e) {
                return "unknown";
            }
        }

        void screenshot(String name) {
            try {
                Path dir = Paths.get(System.getProperty("project.basedir", "."), "target", "browser-screenshots");
                Files.createDirectories(dir);
                Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            } catch (IOException | RuntimeException e) {
                // The failure being reported matters more than its picture.
            }
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // Already gone: nothing to clean up in the browser.
            }
            service.stop();
            deleteProfile();
        }

        private void deleteProfile() {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary profile does no harm.
            }
        }
    }
}
