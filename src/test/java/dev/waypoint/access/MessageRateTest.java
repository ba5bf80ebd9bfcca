package dev.waypoint.access;

import static dev.waypoint.access.MessageRate.Verdict.ACCEPT;
import static dev.waypoint.access.MessageRate.Verdict.CLOSE;
import static dev.waypoint.access.MessageRate.Verdict.DROP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageRateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private MessageRate rate(double perSecond, int burst, int maxDroppedPerMinute) {
        return new MessageRate(new RateLimits(perSecond, burst, maxDroppedPerMinute), now::get);
    }

    @Test
    void aBurstIsAcceptedThenMessagesAreDropped() {
        MessageRate rate = rate(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(ACCEPT, rate.take());
        }
        assertEquals(DROP, rate.take());
        assertEquals(DROP, rate.take());
    }

    @Test
    void theBucketRefillsAtTheRateUpToTheBurst() {
        MessageRate rate = rate(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            rate.take();
        }
        advanceMillis(100); // one token
        assertEquals(ACCEPT, rate.take());
        assertEquals(DROP, rate.take());
        advanceMillis(60_000); // refills to the burst, no further
        for (int i = 0; i < 5; i++) {
            assertEquals(ACCEPT, rate.take());
        }
        assertEquals(DROP, rate.take());
    }

    @Test
    void aClientWithinTheRateIsNeverDropped() {
        MessageRate rate = rate(20, 1, 10);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(ACCEPT, rate.take());
            advanceMillis(50);
        }
    }

    @Test
    void aFloodIsClosedOnceTheDroppedAllowanceIsUsedUp() {
        MessageRate rate = rate(10, 5, 30);
        for (int i = 0; i < 5; i++) {
            assertEquals(ACCEPT, rate.take());
        }
        for (int i = 0; i < 30; i++) {
            assertEquals(DROP, rate.take());
        }
        assertEquals(CLOSE, rate.take());
    }

    @Test
    void droppedMessagesAreForgivenOverAMinute() {
        MessageRate rate = rate(10, 1, 60); // one dropped message forgiven per second
        rate.take();
        for (int i = 0; i < 60; i++) {
            assertEquals(DROP, rate.take());
        }
        advanceMillis(10_000); // 10 forgiven; the bucket refilled to its burst of 1
        assertEquals(ACCEPT, rate.take());
        for (int i = 0; i < 10; i++) {
            assertEquals(DROP, rate.take());
        }
        assertEquals(CLOSE, rate.take());
    }

    @Test
    void goingSomewhatOverTheRateNowAndThenIsNotClosed() {
        // 12 messages a second against 10: two dropped a second, forgiven at two a second (120 a minute).
        MessageRate rate = rate(10, 10, 120);
        int dropped = 0;
        for (int second = 0; second < 600; second++) {
            for (int i = 0; i < 12; i++) {
                MessageRate.Verdict verdict = rate.take();
                assertEquals(true, verdict != CLOSE, "closed in second " + second);
                dropped += verdict == DROP ? 1 : 0;
                advanceMillis(1000 / 12);
            }
            advanceMillis(1000 - 12 * (1000 / 12));
        }
        assertEquals(true, dropped > 0);
    }

    @Test
    void noLimitAcceptsEverything() {
        MessageRate rate = new MessageRate(RateLimits.UNLIMITED, now::get);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(ACCEPT, rate.take());
        }
    }

    @Test
    void aLimitNeedsABurstOfAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(10, 0, 10));
    }
}
