package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a connection is pinged and when it is given up, on a clock the test moves (seconds as nanoseconds). */
class LivenessTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final Liveness liveness = new Liveness(Duration.ofSeconds(30), Duration.ofSeconds(10), now::get);

    /** Records what the sweep did to it. */
    private static final class Peer implements Liveness.Peer {
        final List<String> calls = new ArrayList<>();

        @Override
        public void ping() {
            calls.add("ping");
        }

        @Override
        public void unresponsive() {
            calls.add("unresponsive");
        }
    }

    private void advance(long seconds) {
        now.addAndGet(seconds * SECOND);
    }

    @Test
    void aSilentConnectionIsPingedOnceThenClosedAfterTheTimeout() {
        Peer peer = new Peer();
        liveness.watch(peer);
        advance(29);
        liveness.sweep();
        assertEquals(List.of(), peer.calls, "not silent long enough yet");
        advance(1);
        liveness.sweep();
        assertEquals(List.of("ping"), peer.calls, "silent for 30 s: pinged");
        advance(9);
        liveness.sweep();
        liveness.sweep();
        assertEquals(List.of("ping"), peer.calls, "one ping, and the timeout has not passed");
        advance(1);
        liveness.sweep();
        assertEquals(List.of("ping", "unresponsive"), peer.calls, "no answer 10 s after the ping");
        assertEquals(0, liveness.size(), "given up: no longer watched");
        advance(100);
        liveness.sweep();
        assertEquals(List.of("ping", "unresponsive"), peer.calls, "told once");
    }

    @Test
    void anAnswerToThePingKeepsTheConnectionAndItIsPingedAgainAfterTheNextSilence() {
        Peer peer = new Peer();
        Liveness.Watch watch = liveness.watch(peer);
        advance(30);
        liveness.sweep();
        advance(5);
        watch.heard(); // the pong
        advance(20);
        liveness.sweep();
        assertEquals(List.of("ping"), peer.calls, "heard 20 s ago: nothing to do");
        advance(10);
        liveness.sweep();
        assertEquals(List.of("ping", "ping"), peer.calls, "silent 30 s again: pinged again");
        advance(10);
        liveness.sweep();
        assertEquals(List.of("ping", "ping", "unresponsive"), peer.calls);
    }

    @Test
    void aPongThatArrivesWhenTheSweepIsLateStillCountsAsAnAnswer() {
        Peer peer = new Peer();
        Liveness.Watch watch = liveness.watch(peer);
        advance(30);
        liveness.sweep();
        advance(1);
        watch.heard();
        advance(45); // no sweep for a while: silent 45 s, and 46 s since the ping
        liveness.sweep();
        assertEquals(List.of("ping", "ping"), peer.calls, "it answered the first ping: pinged again, not closed");
    }

    @Test
    void aConnectionThatKeepsSendingIsNeverPinged() {
        Peer peer = new Peer();
        Liveness.Watch watch = liveness.watch(peer);
        for (int i = 0; i < 100; i++) {
            advance(20);
            watch.heard();
            liveness.sweep();
        }
        assertEquals(List.of(), peer.calls);
    }

    @Test
    void aClosedConnectionIsForgotten() {
        Peer peer = new Peer();
        Liveness.Watch watch = liveness.watch(peer);
        assertEquals(1, liveness.size());
        watch.end();
        assertEquals(0, liveness.size());
        advance(1000);
        liveness.sweep();
        assertEquals(List.of(), peer.calls);
    }

    @Test
    void offWhenPingAfterIsZero() {
        Liveness off = new Liveness(Duration.ZERO, Duration.ofSeconds(10), now::get);
        Peer peer = new Peer();
        Liveness.Watch watch = off.watch(peer);
        assertFalse(off.enabled());
        assertEquals(0, off.size(), "nothing is kept when off");
        watch.heard();
        watch.end();
        advance(1000);
        off.sweep();
        assertEquals(List.of(), peer.calls);
        assertThrows(IllegalArgumentException.class,
                () -> new Liveness(Duration.ofSeconds(30), Duration.ZERO, now::get));
    }

    @Test
    void onePeerThatThrowsDoesNotStopTheSweepOfTheOthers() {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Peer peer = new Peer();
            peers.add(peer);
            liveness.watch(peer);
        }
        liveness.watch(new Liveness.Peer() {
            @Override
            public void ping() {
                throw new IllegalStateException("session closed");
            }

            @Override
            public void unresponsive() {
                throw new IllegalStateException("session closed");
            }
        });
        advance(30);
        liveness.sweep();
        peers.forEach(p -> assertEquals(List.of("ping"), p.calls));
        advance(10);
        liveness.sweep();
        peers.forEach(p -> assertEquals(List.of("ping", "unresponsive"), p.calls));
        assertEquals(0, liveness.size());
    }

    @Test
    void connectionsOpenAndCloseWhileTheSweepRuns() throws Exception {
        Liveness live = new Liveness(Duration.ofNanos(1), Duration.ofNanos(1), System::nanoTime);
        Peer counting = new Peer();
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    Liveness.Watch watch = live.watch(counting);
                    watch.heard();
                    watch.end();
                }
                done.countDown();
            });
            thread.start();
        }
        while (done.getCount() > 0) {
            live.sweep();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(0, live.size(), "every connection that ended is gone, whatever the sweep saw");
        assertFalse(counting.calls.isEmpty(), "the sweeps saw connections while they were open");
    }
}
