package dev.waypoint.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps Tyrus's per-frame idle-timer task off the server's managed scheduled executor (Payara, GlassFish).
 *
 * <p>Tyrus restarts a session's idle timer for <em>every</em> frame it receives or sends, even when no idle timeout
 * is set, by scheduling a task on the container's scheduled executor. It looks that executor up as
 * {@code java:comp/DefaultManagedScheduledExecutorService}, and on Payara 6 every task scheduled there captures
 * thread context, which includes a {@code ServiceLoader} look-up through the thread's context class loader; for a
 * frame received, that is the application's class loader, whose resource look-up scans every jar of the server.
 * Measured on Payara Micro 6.2025.10 (runs of 2026-11-27 in {@code src/bench/RESULTS.md}): with sends already
 * moved off the application class loader, 16.8k deliveries/s and 84 &micro;s of server CPU per delivery; with this
 * workaround too, 38.8k and 22 &micro;s in the same conditions.
 *
 * <p>The remedy Payara's configuration offers, disabling that executor, makes every CDI application fail to deploy
 * (Weld looks the executor up). So instead, when the WebSocket container is Tyrus's, this listener gives Tyrus a
 * plain scheduled pool, as Tyrus itself creates on servers without a managed one (and Tyrus shuts it down with the
 * application). This reaches into two private fields of Tyrus: it is guarded, does nothing where the fields are
 * not found, logs what it did, and can be switched off with
 * {@code waypoint.tyrus.plain-idle-scheduler=false}. That scheduler also skips the idle timers that would do nothing
 * ({@link IdleTimerScheduler}); an idle timeout, if one were set, works as before (Waypoint sets none; the page pings
 * every 30 s).
 */
@WebListener
public class TyrusSchedulerWorkaround implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(TyrusSchedulerWorkaround.class.getName());
    private static final String TYRUS_BASE_CONTAINER = "org.glassfish.tyrus.core.BaseContainer";
    private static final String MANAGED_FIELD = "managedScheduledExecutorService";
    private static final String OWN_FIELD = "scheduledExecutorService";

    @Inject
    @ConfigProperty(name = "waypoint.tyrus.plain-idle-scheduler", defaultValue = "true")
    boolean enabled;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!enabled) {
            return;
        }
        Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
        for (Class<?> type = container == null ? null : container.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(TYRUS_BASE_CONTAINER)) {
                useTyrusOwnScheduler(container, type);
                return;
            }
        }
        LOG.log(Level.FINE, "WebSocket container {0} is not Tyrus: nothing to do", container);
    }

    private static void useTyrusOwnScheduler(Object container, Class<?> baseContainer) {
        try {
            Field managed = baseContainer.getDeclaredField(MANAGED_FIELD);
            Field own = baseContainer.getDeclaredField(OWN_FIELD);
            if (managed.getType() != ScheduledExecutorService.class || own.getType() != ScheduledExecutorService.class) {
                LOG.log(Level.WARNING, "Tyrus's scheduler fields have unexpected types; left alone");
                return;
            }
            managed.setAccessible(true);
            own.setAccessible(true);
            if (managed.get(container) == null || own.get(container) != null) {
                return;
            }
            own.set(container, plainScheduler());
            managed.set(container, null);
            LOG.log(Level.INFO, "Tyrus idle timers now run on a plain scheduler, not the managed one, and only when a"
                    + " session has an idle timeout");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not move Tyrus idle timers off the managed scheduler; WebSocket frames"
                    + " will cost more CPU", e);
        }
    }

    /**
     * Two daemon threads, for Tyrus's timers that have something to do: idle timers without an idle timeout (the
     * per-frame ones) are skipped ({@link IdleTimerScheduler}).
     */
    private static ScheduledExecutorService plainScheduler() {
        AtomicInteger count = new AtomicInteger();
        return new IdleTimerScheduler(2, task -> {
            Thread thread = new Thread(task, "waypoint-tyrus-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            return thread;
        }, IdleTimerScheduler.TYRUS_IDLE_TIMER);
    }
}
