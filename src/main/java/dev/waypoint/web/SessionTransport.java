package dev.waypoint.web;

import dev.waypoint.room.Outbox;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** An {@link Outbox.Transport} on a Jakarta WebSocket session: asynchronous sends, closes off the caller's thread. */
final class SessionTransport implements Outbox.Transport {

    private static final Logger LOG = Logger.getLogger(SessionTransport.class.getName());

    private final Session session;
    private final Executor closer;

    SessionTransport(Session session, Executor closer) {
        this.session = session;
        this.closer = closer;
    }

    @Override
    public void send(String frame, Outbox.Completion done) {
        session.getAsyncRemote().sendText(frame, result -> done.completed(result.isOK()));
    }

    @Override
    public void close(int code, String reason) {
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
