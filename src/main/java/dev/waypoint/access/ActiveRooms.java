package dev.waypoint.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Active rooms per server: a room is active while at least one connection is in it. A connection to an active room
 * is always let in (other limits aside); one that would make a room active beyond {@code limit} is not. Rooms that
 * hold pins but have no connection cost memory, not work, and are not counted.
 *
 * <p>The count is reserved before a room becomes active, so concurrent first joins of different rooms can never
 * overshoot the limit; each room's connection counter is its own entry, so rooms never wait for each other.
 */
public final class ActiveRooms {

    private final int limit;
    private final ConcurrentMap<String, Integer> connections = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();

    /** @param limit active rooms; 0 or less: no limit */
    public ActiveRooms(int limit) {
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** Rooms with a connection now. */
    public int active() {
        return active.get();
    }

    /**
     * Counts one more connection in {@code roomId}.
     *
     * @return the place, to release when the connection leaves; null when the room is not active and {@code limit}
     *     rooms are
     */
    public Lease enter(String roomId) {
        boolean[] entered = new boolean[1];
        connections.compute(roomId, (id, count) -> {
            if (count != null) {
                entered[0] = true;
                return count + 1;
            }
            if (!reserve()) {
                return null;
            }
            entered[0] = true;
            return 1;
        });
        if (!entered[0]) {
            return null;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                connections.computeIfPresent(roomId, (id, count) -> {
                    if (count > 1) {
                        return count - 1;
                    }
                    active.decrementAndGet();
                    return null;
                });
            }
        };
    }

    private boolean reserve() {
        while (true) {
            int now = active.get();
            if (limit > 0 && now >= limit) {
                return false;
            }
            if (active.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }
}
