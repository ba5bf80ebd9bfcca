package dev.waypoint.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open connections whose access ends at a deadline (their token's expiry, {@link ConnectionAccess#deadline()}),
 * in deadline order, for one shared sweeper: instead of a timer per connection, one task asks every second or so
 * for the connections whose deadline has passed ({@link #due}), which costs a look at the head of a sorted map when
 * none has.
 *
 * <p>Memory: one entry per open connection with a token, removed when it closes ({@link #untrack}) or is found due.
 * Connections without a token are never tracked. Tracking, untracking and the sweep of different connections do not
 * wait for each other; for one connection they are ordered, so a renewal that races the sweep either moves the
 * deadline before the sweep sees it, or is tracked again after it.
 *
 * @param <T> the connection (compared by identity; the endpoint instance)
 */
public final class ExpiringConnections<T> {

    private record Key(long deadline, long sequence) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private final ConcurrentSkipListMap<Key, T> byDeadline = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<T, Key> keys = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** Tracks {@code connection} until {@code deadline} (epoch ms), or moves its deadline; {@link ConnectionAccess#NEVER}: untracks it. */
    public void track(T connection, long deadline) {
        if (deadline == ConnectionAccess.NEVER) {
            untrack(connection);
            return;
        }
        keys.compute(connection, (c, old) -> {
            if (old != null) {
                byDeadline.remove(old);
            }
            Key key = new Key(deadline, sequence.incrementAndGet());
            byDeadline.put(key, c);
            return key;
        });
    }

    /** Forgets {@code connection} (it closed). */
    public void untrack(T connection) {
        keys.computeIfPresent(connection, (c, old) -> {
            byDeadline.remove(old);
            return null;
        });
    }

    /** Removes and returns the connections whose deadline is before {@code nowMillis}, earliest first. */
    public List<T> due(long nowMillis) {
        List<T> due = new ArrayList<>();
        for (Map.Entry<Key, T> entry : byDeadline.headMap(new Key(nowMillis, Long.MIN_VALUE)).entrySet()) {
            T connection = entry.getValue();
            if (keys.remove(connection, entry.getKey())) {
                byDeadline.remove(entry.getKey());
                due.add(connection);
            }
        }
        return due;
    }

    /** Connections tracked now. */
    public int size() {
        return keys.size();
    }
}
