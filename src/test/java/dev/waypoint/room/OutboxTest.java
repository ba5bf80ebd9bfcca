package dev.waypoint.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final ExecutorService completer = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopCompleter() {
        completer.shutdownNow();
    }

    @Test
    void framesAreWrittenInTheOrderTheyWereQueued() {
        RecordingTransport transport = new RecordingTransport();
        Outbox outbox = new Outbox(transport, 100);
        List<String> sent = List.of("a", "b", "c");
        sent.forEach(outbox::send);
        assertEquals(sent, transport.frames());
    }

    @Test
    void writesCompletingInsideSendDoNotRecurse() {
        // 200,000 frames that each complete inside send(): a recursive drain would overflow the stack.
        RecordingTransport transport = new RecordingTransport();
        Outbox outbox = new Outbox(transport, 300_000);
        for (int i = 0; i < 200_000; i++) {
            outbox.offer(Integer.toString(i));
        }
        outbox.flush();
        assertEquals(200_000, transport.frames().size());
        assertEquals(0, outbox.queued());
    }

    @Test
    void neverTwoWritesInFlightWhenManyThreadsSendAndWritesCompleteElsewhere() throws Exception {
        RecordingTransport transport = new RecordingTransport().completingOn(completer);
        Outbox outbox = new Outbox(transport, 1_000_000);
        int threads = 8;
        int perThread = 5_000;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.execute(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    outbox.send(thread + ":" + i);
                }
            });
        }
        start.countDown();
        senders.shutdown();
        assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));
        waitUntil(() -> transport.frames().size() == threads * perThread);

        assertEquals(1, transport.maxInFlight());
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<String> ofThread = transport.frames().stream().filter(f -> f.startsWith(prefix)).collect(Collectors.toList());
            List<String> expected = IntStream.range(0, perThread).mapToObj(i -> prefix + i).collect(Collectors.toList());
            assertEquals(expected, ofThread, "each sender's frames keep their order");
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedPastTheLimitAndNothingMoreIsQueued() {
        RecordingTransport transport = new RecordingTransport();
        transport.stopReading();
        Outbox outbox = new Outbox(transport, 10);
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accepted.add(outbox.send("frame " + i));
        }
        // The first frame is in flight (never completes), ten wait; the twelfth overflows.
        assertEquals(12, accepted.indexOf(false) + 1);
        assertEquals(Outbox.SLOW_CONSUMER_CLOSE_CODE, transport.closeCode());
        assertTrue(outbox.isClosed());
        assertEquals(0, outbox.queued(), "the dropped queue frees its memory");
        assertEquals(1, transport.frames().size());
        assertFalse(outbox.send("after close"));
    }

    @Test
    void aClientThatKeepsReadingNeverReachesTheLimitEvenInABurst() {
        RecordingTransport transport = new RecordingTransport().completingOn(completer);
        Outbox outbox = new Outbox(transport, 16_384);
        for (int i = 0; i < 5_000; i++) {
            assertTrue(outbox.send("burst " + i));
        }
        waitUntil(() -> transport.frames().size() == 5_000);
        assertNull(transport.closeCode());
    }

    @Test
    void largeFramesAreBoundedByTheirSizeBeforeTheirCount() {
        RecordingTransport transport = new RecordingTransport();
        transport.stopReading();
        Outbox outbox = new Outbox(transport, 10_000, 100_000);
        String big = "x".repeat(30_000);
        for (int i = 0; i < 4; i++) {
            assertTrue(outbox.send(big), "frame " + i); // one in flight, three waiting: 90,000 characters
        }
        assertFalse(outbox.send(big));
        assertEquals(Outbox.SLOW_CONSUMER_CLOSE_CODE, transport.closeCode());
    }

    @Test
    void aFailedWriteStopsTheOutbox() {
        Outbox.Transport failing = new Outbox.Transport() {
            @Override
            public void send(String frame, Outbox.Completion done) {
                done.completed(false);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        Outbox outbox = new Outbox(failing, 10);
        outbox.send("a");
        assertTrue(outbox.isClosed());
        assertFalse(outbox.send("b"));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
