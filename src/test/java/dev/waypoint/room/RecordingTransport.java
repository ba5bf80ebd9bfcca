package dev.waypoint.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport for tests: records frames in the order they were written and the close it was asked for.
 * <ul>
 *   <li>by default a write completes inside {@code send}, as when the frame fits into the socket at once;</li>
 *   <li>{@link #completingOn(ExecutorService)}: writes complete later on another thread, as on a busy socket;</li>
 *   <li>after {@link #stopReading()} writes never complete, as on a socket whose peer stopped reading.</li>
 * </ul>
 */
final class RecordingTransport implements Outbox.Transport {

    private final List<String> frames = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile ExecutorService completer;
    private volatile boolean reading = true;
    private volatile Integer closeCode;

    RecordingTransport completingOn(ExecutorService executor) {
        this.completer = executor;
        return this;
    }

    @Override
    public void send(String frame, Outbox.Completion done) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        synchronized (this) {
            frames.add(frame);
        }
        if (!reading) {
            return; // stays in flight for ever
        }
        Runnable complete = () -> {
            inFlight.decrementAndGet();
            done.completed(true);
        };
        ExecutorService executor = completer;
        if (executor == null) {
            complete.run();
        } else {
            executor.execute(complete);
        }
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
    }

    void stopReading() {
        reading = false;
    }

    synchronized List<String> frames() {
        return new ArrayList<>(frames);
    }

    /** The most writes that were ever in flight at once: the outbox promises 1. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    Integer closeCode() {
        return closeCode;
    }
}
