package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void anAddressGetsAtMostTheLimitAndPlacesComeBackOnRelease() {
        ConnectionLimiter limiter = new ConnectionLimiter(2);
        Lease first = limiter.acquire("10.0.0.1");
        Lease second = limiter.acquire("10.0.0.1");
        assertNotNull(first);
        assertNotNull(second);
        assertNull(limiter.acquire("10.0.0.1"));
        assertNotNull(limiter.acquire("10.0.0.2"), "other addresses are counted apart");
        first.release();
        first.release(); // idempotent: gives back one place, not two
        assertNotNull(limiter.acquire("10.0.0.1"));
        assertNull(limiter.acquire("10.0.0.1"));
        assertEquals(2, limiter.openFrom("10.0.0.1"));
    }

    @Test
    void anAddressWithoutConnectionsHoldsNothing() {
        ConnectionLimiter limiter = new ConnectionLimiter(5);
        limiter.acquire("a").release();
        assertEquals(0, limiter.openFrom("a"));
    }

    @Test
    void noLimitOrNoAddressMeansNoCounting() {
        assertSame(Lease.NONE, new ConnectionLimiter(0).acquire("a"));
        assertSame(Lease.NONE, new ConnectionLimiter(1).acquire(null));
    }

    @Test
    void concurrentAcquiresNeverExceedTheLimit() throws Exception {
        ConnectionLimiter limiter = new ConnectionLimiter(10);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        if (limiter.acquire("same") != null) {
                            granted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, granted.get());
        assertEquals(10, limiter.openFrom("same"));
    }
}
