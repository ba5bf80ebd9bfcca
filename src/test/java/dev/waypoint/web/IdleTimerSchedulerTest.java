package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimerSchedulerTest {

    /** Stands for Tyrus's idle-timeout command. */
    static final class IdleTimer implements Runnable {
        final CountDownLatch ran = new CountDownLatch(1);

        @Override
        public void run() {
            ran.countDown();
        }
    }

    private final IdleTimerScheduler scheduler =
            new IdleTimerScheduler(1, Executors.defaultThreadFactory(), task -> task instanceof IdleTimer);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anIdleTimerWithoutATimeoutIsNotScheduled() throws Exception {
        IdleTimer timer = new IdleTimer();

        ScheduledFuture<?> future = scheduler.schedule(timer, 0, TimeUnit.MILLISECONDS);

        assertSame(IdleTimerScheduler.NOTHING_TO_DO, future);
        assertTrue(future.isDone());
        assertFalse(future.cancel(true));
        assertFalse(future.isCancelled());
        assertEquals(0, scheduler.getQueue().size(), "nothing waits in the scheduler");
        assertEquals(0, scheduler.getTaskCount(), "nothing ran or was queued");
        assertFalse(timer.ran.await(200, TimeUnit.MILLISECONDS), "the timer never runs");
    }

    @Test
    void anIdleTimerWithATimeoutRunsAfterIt() throws Exception {
        IdleTimer timer = new IdleTimer();

        ScheduledFuture<?> future = scheduler.schedule(timer, 50, TimeUnit.MILLISECONDS);

        assertTrue(timer.ran.await(10, TimeUnit.SECONDS));
        future.get(10, TimeUnit.SECONDS);
        assertTrue(future.isDone());
    }

    @Test
    void anyOtherTaskRunsEvenWithoutDelay() throws Exception {
        AtomicInteger runs = new AtomicInteger();

        scheduler.schedule(runs::incrementAndGet, 0, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);

        assertEquals(1, runs.get());
    }

    @Test
    void aCancelledTimerLeavesTheQueue() {
        ScheduledFuture<?> future = scheduler.schedule(new IdleTimer(), 1, TimeUnit.HOURS);
        assertEquals(1, scheduler.getQueue().size());

        future.cancel(false);

        assertEquals(0, scheduler.getQueue().size(), "Tyrus cancels a timer on every frame: cancelled ones must not pile up");
    }

    @Test
    void recognisesTyrusCommandByItsClassName() {
        assertFalse(IdleTimerScheduler.TYRUS_IDLE_TIMER.test(new IdleTimer()));
        assertFalse(IdleTimerScheduler.TYRUS_IDLE_TIMER.test(() -> { }));
    }
}
