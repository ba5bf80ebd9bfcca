package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRatesTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private RequestRates rates(double perSecond, int burst, int maxAddresses) {
        return new RequestRates(new RequestRates.Limits(perSecond, burst, maxAddresses), now::get);
    }

    @Test
    void aBurstIsServedThenRequestsAreRefusedWithTheSecondsToWait() {
        RequestRates rates = rates(2, 5, 100);
        for (int i = 0; i < 5; i++) {
            assertTrue(rates.take("10.0.0.1").allowed(), "request " + i);
        }
        RequestRates.Verdict refused = rates.take("10.0.0.1");
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds(), "one token comes back in half a second: at least 1 s");
        advanceMillis(500);
        assertTrue(rates.take("10.0.0.1").allowed());
        assertFalse(rates.take("10.0.0.1").allowed());
    }

    @Test
    void retryAfterIsWholeSecondsUntilTheNextToken() {
        RequestRates rates = rates(0.1, 1, 100); // one request every 10 s
        assertTrue(rates.take("a").allowed());
        assertEquals(10, rates.take("a").retryAfterSeconds());
        advanceMillis(2_500);
        assertEquals(8, rates.take("a").retryAfterSeconds(), "7.5 s to go, rounded up");
        advanceMillis(7_500);
        assertTrue(rates.take("a").allowed());
    }

    @Test
    void addressesAreCountedApart() {
        RequestRates rates = rates(1, 2, 100);
        rates.take("a");
        rates.take("a");
        assertFalse(rates.take("a").allowed());
        assertTrue(rates.take("b").allowed());
        assertTrue(rates.take("b").allowed());
        assertFalse(rates.take("b").allowed());
    }

    @Test
    void withoutALimitOrAnAddressEveryRequestIsServedAndNothingIsKept() {
        RequestRates unlimited = new RequestRates(RequestRates.Limits.UNLIMITED, now::get);
        RequestRates limited = rates(1, 1, 10);
        for (int i = 0; i < 1000; i++) {
            assertTrue(unlimited.take("a").allowed());
            assertTrue(limited.take(null).allowed());
        }
        assertEquals(0, unlimited.size());
        assertEquals(0, limited.size());
    }

    @Test
    void addressesWhoseBucketIsFullAgainAreForgotten() {
        RequestRates rates = rates(10, 5, 100);
        for (int i = 0; i < 50; i++) {
            rates.take("10.0.0." + i);
        }
        rates.take("busy");
        for (int i = 0; i < 5; i++) {
            rates.take("busy");
        }
        assertEquals(51, rates.size());
        advanceMillis(100); // one token back: everyone but "busy" (empty) is full again
        assertEquals(50, rates.prune());
        assertEquals(1, rates.size());
        // The busy address is remembered: the one token it got back, then nothing.
        assertTrue(rates.take("busy").allowed());
        assertFalse(rates.take("busy").allowed());
        advanceMillis(10_000);
        assertEquals(1, rates.prune());
        assertEquals(0, rates.size());
    }

    @Test
    void theTableIsBoundedAndMakesRoomForNewAddressesByPruning() {
        RequestRates rates = rates(1, 3, 3);
        for (String address : List.of("a", "b", "c")) {
            rates.take(address);
            rates.take(address);
        }
        RequestRates.Verdict full = rates.take("d");
        assertFalse(full.allowed(), "three addresses with requests in flight fill the table");
        assertEquals(1, full.retryAfterSeconds());
        assertEquals(3, rates.size());
        assertTrue(rates.take("a").allowed(), "known addresses are still served");
        advanceMillis(3_000); // b and c refill to the full burst; a had one more request
        assertTrue(rates.take("d").allowed(), "the table was pruned to make room");
        assertTrue(rates.size() <= 3, "size " + rates.size());
    }

    @Test
    void limitsNeedABurstAndATable() {
        assertThrows(IllegalArgumentException.class, () -> new RequestRates.Limits(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new RequestRates.Limits(1, 1, 0));
    }

    @Test
    void concurrentRequestsOfOneAddressNeverGetMoreThanTheBurst() throws Exception {
        RequestRates rates = rates(1, 1000, 100); // the clock stands still: exactly the burst is served
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> served = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            served.add(pool.submit(() -> {
                start.await();
                int allowed = 0;
                for (int i = 0; i < 1000; i++) {
                    if (rates.take("shared").allowed()) {
                        allowed++;
                    }
                    rates.take("own-" + Thread.currentThread().getId()); // other addresses at the same time
                }
                return allowed;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : served) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(1000, total);
    }
}
