package dev.waypoint.web;

import dev.waypoint.ops.CloseCause;
import dev.waypoint.ops.ServerMetrics;
import dev.waypoint.room.Outbox;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An {@link Outbox.Transport} on a Jakarta WebSocket session: asynchronous sends, closes off the caller's thread.
 * Counts the frames written, and the outbox's closes for a slow consumer.
 */
final class SessionTransport implements Outbox.Transport {

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final Executor closer;
    private final ServerMetrics metrics;
    private final AtomicBoolean closing = new AtomicBoolean();

    SessionTransport(Session session, Executor closer, ServerMetrics metrics) {
        this.session = session;
        this.closer = closer;
        this.metrics = metrics;
    }

    /**
     * The context class loader a send runs under. Tyrus restarts a session's idle timer on every frame it sends,
     * even with no idle timeout, by scheduling a task on the server's default managed scheduled executor; Payara's
     * executor captures thread context for each task and, as part of that, looks up
     * {@code ThreadContextProvider} services through the thread's context class loader. Under the application's
     * class loader that lookup scans every jar of the server (measured: most of the server's CPU, 5-8x slower
     * sends). Under the platform class loader it finds nothing at once. Nothing in a send needs the application's
     * class loader: the frame is already text.
     */
    private static final ClassLoader SEND_CONTEXT = ClassLoader.getPlatformClassLoader();

    @Override
    public void send(String frame, Outbox.Completion done) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SEND_CONTEXT);
        try {
            session.getAsyncRemote().sendText(frame, result -> {
                if (result.isOK()) {
                    metrics.messageOut();
                } else {
                    writeFailed(result.getException());
                }
                done.completed(result.isOK());
            });
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Sends a ping frame with no data ({@link Liveness}). Beside the outbox, which carries the messages: a control
     * frame may go between two messages, and Tyrus writes one frame at a time to the socket (its protocol handler's
     * lock and the servlet writer's queue keep them whole and in order). Tyrus does not report whether a ping was
     * written; only one that fails at once is seen here.
     */
    void ping() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SEND_CONTEXT);
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            writeFailed(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * A frame that could not be written is lost, and the outbox stops sending: end the connection too (if it is not
     * ending already), so that the client learns it, reconnects and resynchronises instead of waiting on an open
     * socket that says nothing more.
     */
    private void writeFailed(Throwable failure) {
        LOG.log(Level.FINE, "write to session " + session.getId() + " failed", failure);
        if (session.isOpen() && closing.compareAndSet(false, true)) {
            metrics.closedBy(CloseCause.WRITE_FAILED);
            closeLater(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "write failed");
        }
    }

    /** The outbox's close: it closes a connection only for a slow consumer. */
    @Override
    public void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            if (code == Outbox.SLOW_CONSUMER_CLOSE_CODE) {
                metrics.closedBy(CloseCause.SLOW_CONSUMER);
            }
            closeLater(code, reason);
        }
    }

    /**
     * Closes the connection for a reason of the caller's (who counts it), unless this transport already is: writes
     * that fail because the connection is closing are then not counted again.
     */
    void closeFor(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            closeLater(code, reason);
        }
    }

    /** Closes the session with a close code on the close executor, or in place if it refuses the task. */
    private void closeLater(int code, String reason) {
        Runnable close = () -> {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing session " + session.getId(), e);
            }
        };
        try {
            closer.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }
}
