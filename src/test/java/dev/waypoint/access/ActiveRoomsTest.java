package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ActiveRoomsTest {

    @Test
    void aRoomBeyondTheLimitIsRefusedButActiveRoomsTakeMoreConnections() {
        ActiveRooms rooms = new ActiveRooms(2);
        Lease a1 = rooms.enter("a");
        Lease b1 = rooms.enter("b");
        assertNotNull(a1);
        assertNotNull(b1);
        assertNull(rooms.enter("c"));
        Lease a2 = rooms.enter("a");
        assertNotNull(a2, "an active room is always entered");
        assertEquals(2, rooms.active());
        a1.release();
        assertNull(rooms.enter("c"), "room a still has a connection");
        a2.release();
        a2.release(); // idempotent
        assertEquals(1, rooms.active());
        assertNotNull(rooms.enter("c"), "room a is no longer active");
        assertEquals(2, rooms.active());
    }

    @Test
    void noLimitMeansEveryRoom() {
        ActiveRooms rooms = new ActiveRooms(0);
        for (int i = 0; i < 100; i++) {
            assertNotNull(rooms.enter("r" + i));
        }
        assertEquals(100, rooms.active());
    }

    @Test
    void concurrentFirstJoinsNeverExceedTheLimitAndTheCountReturnsToZero() throws Exception {
        ActiveRooms rooms = new ActiveRooms(5);
        AtomicInteger peak = new AtomicInteger();
        ConcurrentLinkedQueue<Lease> leases = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        Lease lease = rooms.enter("room-" + ((thread * 7 + i) % 40));
                        peak.accumulateAndGet(rooms.active(), Math::max);
                        if (lease != null) {
                            if (i % 3 == 0) {
                                leases.add(lease);
                            } else {
                                lease.release();
                            }
                        }
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(peak.get() <= 5, "active rooms peaked at " + peak.get());
        leases.forEach(Lease::release);
        assertEquals(0, rooms.active());
    }
}
