package dev.waypoint.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Requests per client address to the HTTP API of rooms: a token bucket per address, which holds up to
 * {@code burst} requests and refills at {@code perSecond}; a request that finds its address's bucket empty is refused
 * (HTTP 429), with the seconds until the next request would be let in ({@code Retry-After}).
 *
 * <p>Bounded memory: an address's bucket that has refilled to the full burst is exactly the state of an address never
 * seen, so {@link #prune} drops it (a shared sweeper calls it; so does a request that finds the table full). At most
 * about {@code maxAddresses} addresses are tracked at a time: when that many have requests in flight, a request from
 * one more is refused too (an attacker with that many addresses is beyond a per-address limit anyway, and the
 * server's memory stays bounded).
 *
 * <p>No timer and no thread: buckets are brought up to date when a request arrives. Each address's bucket changes
 * under its own map entry, so addresses never wait for each other.
 */
public final class RequestRates {

    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /**
     * @param perSecond requests per second per address, sustained; 0 or less: no limit
     * @param burst requests that may come at once; at least 1 when there is a limit
     * @param maxAddresses addresses tracked at a time; at least 1 when there is a limit
     */
    public record Limits(double perSecond, int burst, int maxAddresses) {

        public static final Limits UNLIMITED = new Limits(0, 0, 0);

        public Limits {
            if (perSecond > 0 && burst < 1) {
                throw new IllegalArgumentException("a request burst must be at least 1, got " + burst);
            }
            if (perSecond > 0 && maxAddresses < 1) {
                throw new IllegalArgumentException("the addresses tracked must be at least 1, got " + maxAddresses);
            }
        }

        public boolean limited() {
            return perSecond > 0;
        }
    }

    /**
     * What to do with a request.
     *
     * @param allowed true: serve it
     * @param retryAfterSeconds when refused, the whole seconds (at least 1) until a request from the address is let in
     */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
        public static final Verdict ALLOWED = new Verdict(true, 0);
    }

    /** One address's bucket; changed only inside its map entry's compute. */
    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestRates(Limits limits) {
        this(limits, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (tests pass their own) */
    public RequestRates(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    public Limits limits() {
        return limits;
    }

    /** Counts one request from {@code address} (null: the container did not say; not limited). */
    public Verdict take(String address) {
        if (!limits.limited() || address == null) {
            return Verdict.ALLOWED;
        }
        long now = nanoTime.getAsLong();
        if (!buckets.containsKey(address) && buckets.size() >= limits.maxAddresses()) {
            prune();
            if (buckets.size() >= limits.maxAddresses()) {
                return new Verdict(false, 1);
            }
        }
        long[] retryAfter = {0};
        buckets.compute(address, (a, bucket) -> {
            if (bucket == null) {
                return new Bucket(limits.burst() - 1, now);
            }
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
            } else {
                retryAfter[0] = Math.max(1, (long) Math.ceil((1 - bucket.tokens) / limits.perSecond()));
            }
            return bucket;
        });
        return retryAfter[0] == 0 ? Verdict.ALLOWED : new Verdict(false, retryAfter[0]);
    }

    private void refill(Bucket bucket, long now) {
        double seconds = Math.max(0, now - bucket.last) / NANOS_PER_SECOND;
        bucket.last = now;
        bucket.tokens = Math.min(limits.burst(), bucket.tokens + seconds * limits.perSecond());
    }

    /** Forgets every address whose bucket has refilled to the full burst; returns how many. */
    public int prune() {
        long now = nanoTime.getAsLong();
        int[] pruned = {0};
        for (String address : buckets.keySet()) {
            buckets.computeIfPresent(address, (a, bucket) -> {
                refill(bucket, now);
                if (bucket.tokens >= limits.burst()) {
                    pruned[0]++;
                    return null;
                }
                return bucket;
            });
        }
        return pruned[0];
    }

    /** Addresses tracked now. */
    public int size() {
        return buckets.size();
    }
}
