package dev.waypoint.access;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One connection's message rate: a token bucket. The bucket holds up to {@code burst} tokens and refills at
 * {@code perSecond}; each message takes one. A message that finds the bucket empty is dropped (its sender is told).
 *
 * <p>Dropped messages are counted in a second, leaking bucket that empties at {@code maxDroppedPerMinute} per
 * minute: a client that goes over the rate now and then is only slowed down; one that keeps sending far over it
 * fills that bucket within about a minute (within moments when it floods) and its connection is closed.
 *
 * <p>No timer and no thread: both buckets are brought up to date when a message arrives. One instance per
 * connection; its lock is never contended except by that connection's own frames.
 */
public final class MessageRate {

    /** What to do with a message. */
    public enum Verdict {
        /** Handle it. */
        ACCEPT,
        /** Over the rate: drop it, and tell the sender. */
        DROP,
        /** Over the rate for too long: drop it and close the connection. */
        CLOSE
    }

    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final RateLimits limits;
    private final LongSupplier nanoTime;
    private double tokens;
    private double dropped;
    private long last;

    public MessageRate(RateLimits limits) {
        this(limits, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests pass their own) */
    public MessageRate(RateLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.tokens = limits.burst();
        this.last = nanoTime.getAsLong();
    }

    /** Counts one message and says what to do with it. */
    public synchronized Verdict take() {
        if (!limits.limited()) {
            return Verdict.ACCEPT;
        }
        long now = nanoTime.getAsLong();
        double seconds = Math.max(0, now - last) / NANOS_PER_SECOND;
        last = now;
        tokens = Math.min(limits.burst(), tokens + seconds * limits.perSecond());
        dropped = Math.max(0, dropped - seconds * limits.maxDroppedPerMinute() / 60.0);
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        dropped += 1;
        return limits.maxDroppedPerMinute() > 0 && dropped > limits.maxDroppedPerMinute() ? Verdict.CLOSE : Verdict.DROP;
    }
}
