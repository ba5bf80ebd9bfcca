package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExpiringConnectionsTest {

    @Test
    void dueReturnsWhatHasPassedEarliestFirstAndOnlyOnce() {
        ExpiringConnections<String> expiring = new ExpiringConnections<>();
        expiring.track("c", 3000);
        expiring.track("a", 1000);
        expiring.track("b", 2000);
        assertEquals(List.of(), expiring.due(1000), "a deadline is still good at its own millisecond");
        assertEquals(List.of("a", "b"), expiring.due(2001));
        assertEquals(List.of(), expiring.due(2001));
        assertEquals(1, expiring.size());
        assertEquals(List.of("c"), expiring.due(Long.MAX_VALUE));
        assertEquals(0, expiring.size());
    }

    @Test
    void trackingAgainMovesTheDeadline() {
        ExpiringConnections<String> expiring = new ExpiringConnections<>();
        expiring.track("renewed", 1000);
        expiring.track("other", 1000);
        expiring.track("renewed", 9000);
        assertEquals(List.of("other"), expiring.due(5000));
        assertEquals(List.of("renewed"), expiring.due(9001));
    }

    @Test
    void untrackedAndNeverExpiringConnectionsAreNotDue() {
        ExpiringConnections<String> expiring = new ExpiringConnections<>();
        expiring.track("closed", 1000);
        expiring.untrack("closed");
        expiring.untrack("never tracked");
        expiring.track("open room", 1000);
        expiring.track("open room", ConnectionAccess.NEVER);
        assertEquals(List.of(), expiring.due(Long.MAX_VALUE));
        assertEquals(0, expiring.size());
    }

    @Test
    void concurrentTrackingUntrackingAndSweepsLoseNothingAndReturnNothingTwice() throws Exception {
        ExpiringConnections<Integer> expiring = new ExpiringConnections<>();
        int perThread = 20_000;
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = base; i < base + perThread; i++) {
                    expiring.track(i, i % 100);          // all due at 100
                    if (i % 3 == 0) {
                        expiring.track(i, 1_000_000 + i); // renewed: not due at 100
                    } else if (i % 3 == 1) {
                        expiring.untrack(i);             // closed
                    }
                }
                return null;
            }));
        }
        List<Integer> swept = new ArrayList<>();
        Future<?> sweeper = pool.submit(() -> {
            start.await();
            while (!writers.stream().allMatch(Future::isDone)) {
                swept.addAll(expiring.due(100));
            }
            return null;
        });
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        sweeper.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        swept.addAll(expiring.due(100));

        Set<Integer> sweptOnce = new HashSet<>(swept);
        assertEquals(swept.size(), sweptOnce.size(), "no connection is due twice");
        int total = threads * perThread;
        for (int i = 0; i < total; i++) {
            if (i % 3 == 2) {
                assertTrue(sweptOnce.contains(i), "left at its first deadline, so due: " + i);
            }
        }
        // A renewed one may have been swept at its first deadline, before its renewal (the endpoint then finds the
        // renewed grant good and does nothing); either way the renewal tracks it again, with its new deadline.
        int renewed = (total + 2) / 3;
        assertEquals(renewed, expiring.size());
        List<Integer> later = expiring.due(Long.MAX_VALUE);
        assertEquals(renewed, later.size());
        assertTrue(later.stream().allMatch(i -> i % 3 == 0), "only renewed connections are left");
    }
}
