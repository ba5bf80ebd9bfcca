package dev.waypoint.room;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bounded outbound queue of one connection, drained by one sender at a time.
 *
 * <p>{@link #offer(String)} never blocks and never writes: it only queues. {@link #flush()} starts writing if
 * nobody is; then each completed write sends the next frame, on whichever thread the transport completes it.
 * A transport may complete a write inside {@link Transport#send} itself (the frame fitted into the socket at once);
 * the drain loop then continues in place instead of recursing, so a long queue cannot overflow the stack.
 *
 * <p>If more than {@code maxFrames} frames, or frames of more than {@code maxChars} characters in all, are waiting,
 * the client is not reading fast enough: the queue is dropped and the transport is asked to close the connection
 * with {@link #SLOW_CONSUMER_CLOSE_CODE}. That costs the room nothing: queuing stays constant-time whatever the
 * client does. Both bounds matter: small broadcasts hit the count first, while a client that asks for large
 * answers (a ping with a 60 KiB id) and never reads them would otherwise pin a gigabyte before the count.
 */
public final class Outbox {

    /** 1013 "Try Again Later": the server shed this connection; the client may reconnect and resync. */
    public static final int SLOW_CONSUMER_CLOSE_CODE = 1013;

    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());

    // The hand-off between the thread that calls Transport.send and the thread that completes the write.
    private static final int IDLE = 0;
    private static final int SENT = 1;      // send() called, neither returned-and-left nor completed yet
    private static final int COMPLETED = 2; // the write completed before send() returned: the caller continues
    private static final int RETURNED = 3;  // send() returned first: the completion continues the loop

    /** Where the frames go: a WebSocket session in production, a recorder in tests. */
    public interface Transport {
        /**
         * Writes one text frame asynchronously and calls {@code done} exactly once when the write has completed or
         * failed, possibly before this method returns. Never called again before {@code done} ran.
         */
        void send(String frame, Completion done);

        /** Closes the connection with a WebSocket close code. Must not block the caller. */
        void close(int code, String reason);
    }

    /** Called once per {@link Transport#send}. */
    @FunctionalInterface
    public interface Completion {
        void completed(boolean ok);
    }

    private final Transport transport;
    private final int maxFrames;
    private final long maxChars;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicInteger handoff = new AtomicInteger(IDLE);
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param maxFrames how many frames may wait for a slow client before it is disconnected; generous enough that a
     *                  client that keeps reading never reaches it, even in a burst of thousands of messages
     * @param maxChars  how many characters of frames may wait (about a byte each: frames are mostly ASCII JSON)
     */
    public Outbox(Transport transport, int maxFrames, long maxChars) {
        if (maxFrames < 1 || maxChars < 1) {
            throw new IllegalArgumentException("limits must be at least 1, got " + maxFrames + " and " + maxChars);
        }
        this.transport = transport;
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
    }

    /** An outbox bounded by frame count only, for tests and callers whose frames are all small. */
    public Outbox(Transport transport, int maxFrames) {
        this(transport, maxFrames, Long.MAX_VALUE);
    }

    /**
     * Queues a frame without writing it. Constant time; never blocks.
     *
     * @return false if the frame was not queued because this outbox is closed or just overflowed
     */
    public boolean offer(String frame) {
        if (closed.get()) {
            return false;
        }
        if (queued.incrementAndGet() > maxFrames | queuedChars.addAndGet(frame.length()) > maxChars) {
            queued.decrementAndGet();
            queuedChars.addAndGet(-frame.length());
            overflow();
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** Queues a frame and starts writing if nobody is. */
    public boolean send(String frame) {
        boolean queuedIt = offer(frame);
        flush();
        return queuedIt;
    }

    /** Starts writing queued frames unless another thread already is. */
    public void flush() {
        if (!queue.isEmpty() && !closed.get() && sending.compareAndSet(false, true)) {
            drain();
        }
    }

    /** Frames waiting to be written (not counting the one being written). */
    public int queued() {
        return queued.get();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Stops sending: the connection is gone. Frames still queued are dropped. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            queued.set(0);
            queuedChars.set(0);
        }
    }

    // Runs only on the thread that holds 'sending'.
    private void drain() {
        while (true) {
            String frame = closed.get() ? null : queue.poll();
            if (frame == null) {
                sending.set(false);
                // A frame offered after our poll but before we let go would otherwise wait for the next flush.
                if (queue.isEmpty() || closed.get() || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            queuedChars.addAndGet(-frame.length());
            handoff.set(SENT);
            try {
                transport.send(frame, this::completed);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "send failed", e);
                handoff.set(IDLE);
                close();
                sending.set(false);
                return;
            }
            if (handoff.compareAndSet(SENT, RETURNED)) {
                return; // the write is still in flight: its completion continues the loop
            }
            handoff.set(IDLE); // completed inline: keep going here
        }
    }

    private void completed(boolean ok) {
        if (!ok) {
            close();
        }
        if (handoff.compareAndSet(SENT, COMPLETED)) {
            return; // we are inside transport.send on the draining thread, which continues
        }
        handoff.set(IDLE);
        drain();
    }

    private void overflow() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            queued.set(0);
            queuedChars.set(0);
            LOG.log(Level.FINE, "closing a slow consumer: more than {0} frames or {1} characters waiting",
                    new Object[] {maxFrames, maxChars});
            transport.close(SLOW_CONSUMER_CLOSE_CODE, "slow consumer: too many messages waiting");
        }
    }
}
