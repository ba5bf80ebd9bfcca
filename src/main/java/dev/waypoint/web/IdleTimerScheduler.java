package dev.waypoint.web;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The scheduler {@link TyrusSchedulerWorkaround} gives Tyrus, which skips the idle timers that would do nothing.
 *
 * <p>Tyrus restarts a session's idle timer on every frame received or sent by scheduling its idle-timeout command
 * with the session's idle timeout as the delay, after cancelling the last one. Without an idle timeout (Waypoint sets
 * none; {@code getMaxIdleTimeout()} is 0 on Payara Micro 6, checked on 2026-11-27) that delay is 0, so every frame
 * queued a task on the shared scheduler's heap, under its one lock, for a timer thread to run a command that checks the
 * timeout, finds none and returns: about 8 % of the server's CPU samples in a fanout profile of 2026-11-27
 * (src/bench/RESULTS.md; an A/B run afterwards showed no change in CPU per delivery that stood out of the noise).
 * Such a command is not scheduled here; its future is already done. A timer with a delay, and every other task, is scheduled as usual.
 * Setting an idle timeout later stays effective: Tyrus restarts the timer with the new delay.
 */
final class IdleTimerScheduler extends ScheduledThreadPoolExecutor {

    /** Tyrus's idle-timeout command, a private class (checked against Payara's Tyrus by {@code PayaraInternalsIT}). */
    static final String TYRUS_IDLE_TIMER_CLASS = "org.glassfish.tyrus.core.TyrusSession$IdleTimeoutCommand";

    static final Predicate<Runnable> TYRUS_IDLE_TIMER = task -> task.getClass().getName().equals(TYRUS_IDLE_TIMER_CLASS);

    private final Predicate<Runnable> isIdleTimer;

    IdleTimerScheduler(int threads, ThreadFactory factory, Predicate<Runnable> isIdleTimer) {
        super(threads, factory);
        this.isIdleTimer = isIdleTimer;
        setRemoveOnCancelPolicy(true); // Tyrus cancels the previous timer on every frame
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0 && command != null && isIdleTimer.test(command)) {
            return NOTHING_TO_DO;
        }
        return super.schedule(command, delay, unit);
    }

    /** The future of a timer that was not needed: done, not cancelled, cancelling it changes nothing. */
    static final ScheduledFuture<Object> NOTHING_TO_DO = new ScheduledFuture<>() {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    };
}
