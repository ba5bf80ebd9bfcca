package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private parts of Payara that Waypoint reaches into for speed ({@link TyrusSchedulerWorkaround},
 * {@link IdleTimerScheduler}, {@link UpgradeBuffer}) are still there, with the shapes the code expects, in the Payara
 * Micro this build runs ({@code target/payara-micro.jar}, copied by the package phase). Each of those classes steps
 * aside when a shape is missing, so a Payara upgrade that renames one would not fail any other test; it would only
 * make WebSocket frames cost more again. This test fails instead.
 */
class PayaraInternalsIT {

    @TempDir
    static Path jars;

    private static URLClassLoader payara;

    @BeforeAll
    static void openPayara() throws IOException {
        Path micro = Path.of("target", "payara-micro.jar");
        assertTrue(Files.isRegularFile(micro), micro + " is built by mvn package");
        List<URL> urls = new ArrayList<>();
        try (ZipFile zip = new ZipFile(micro.toFile())) {
            for (String name : List.of("tyrus-core", "tyrus-spi", "web-core", "nucleus-grizzly-all")) {
                ZipEntry entry = zip.getEntry("MICRO-INF/runtime/" + name + ".jar");
                assertTrue(entry != null, name + ".jar in Payara Micro");
                Path jar = jars.resolve(name + ".jar");
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, jar);
                }
                urls.add(jar.toUri().toURL());
            }
        }
        payara = new URLClassLoader(urls.toArray(URL[]::new), PayaraInternalsIT.class.getClassLoader());
    }

    @AfterAll
    static void close() throws IOException {
        payara.close();
    }

    @Test
    void tyrusHasTheSchedulerFieldsTheWorkaroundSets() throws Exception {
        Class<?> base = load("org.glassfish.tyrus.core.BaseContainer");
        for (String name : List.of("managedScheduledExecutorService", "scheduledExecutorService")) {
            Field field = base.getDeclaredField(name);
            assertEquals(ScheduledExecutorService.class, field.getType(), name);
        }
    }

    @Test
    void tyrusIdleTimerIsTheCommandTheSchedulerSkips() throws Exception {
        Class<?> command = load(IdleTimerScheduler.TYRUS_IDLE_TIMER_CLASS);
        assertTrue(Runnable.class.isAssignableFrom(command));
        // What the scheduler relies on: the session restarts the timer with the idle timeout as the delay, and the
        // command itself does nothing without one.
        Class<?> session = load("org.glassfish.tyrus.core.TyrusSession");
        assertEquals(session, command.getEnclosingClass());
        session.getDeclaredMethod("restartIdleTimeoutExecutor");
    }

    @Test
    void payaraResponseLeadsToGrizzlysBufferSize() throws Exception {
        Class<?> facade = load("org.apache.catalina.connector.ResponseFacade");
        Field response = facade.getDeclaredField("response");
        Method coyote = response.getType().getMethod("getCoyoteResponse");
        Method setBufferSize = coyote.getReturnType().getMethod("setBufferSize", int.class);
        assertEquals("org.glassfish.grizzly.http.server.Response", setBufferSize.getDeclaringClass().getName());
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, payara);
    }
}
