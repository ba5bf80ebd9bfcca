package dev.waypoint.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open connections per client address: at most {@code limit} at a time from one address. Each address has a counter
 * of its own, so addresses never wait for each other; an address without connections holds no memory.
 */
public final class ConnectionLimiter {

    private final int limit;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    /** @param limit connections per address; 0 or less: no limit */
    public ConnectionLimiter(int limit) {
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /**
     * Takes a place for one more connection from {@code address}.
     *
     * @return the place, to release when the connection closes; null when the address has {@code limit} already.
     *     Without a limit, or without an address (the container did not say), {@link Lease#NONE}
     */
    public Lease acquire(String address) {
        if (limit <= 0 || address == null) {
            return Lease.NONE;
        }
        boolean[] taken = new boolean[1];
        open.compute(address, (a, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            return null;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
            }
        };
    }

    /** Connections open from {@code address} now. */
    public int openFrom(String address) {
        return open.getOrDefault(address, 0);
    }
}
