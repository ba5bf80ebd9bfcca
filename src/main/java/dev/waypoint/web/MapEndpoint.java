package dev.waypoint.web;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.ErrorMessage;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.ops.CloseCause;
import dev.waypoint.ops.ServerMetrics;
import dev.waypoint.room.Outbox;
import dev.waypoint.room.RoomRegistry;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ws://HOST/CONTEXT/api/map?id=ROOM}: one connection to one room.
 *
 * <p>The container creates one instance per connection (so no CDI scope here: Tyrus would ignore it). The endpoint
 * only adapts: frames are decoded by {@link MessageDecoder}, handed to the room, and whatever goes back out
 * leaves through the connection's {@link Outbox}, the only path to the socket, which keeps one send at a time.
 *
 * <p>A client that asks for the subprotocol {@value #PROTOCOL_V2} speaks protocol version 2; any other speaks the
 * demo's version 1 and receives exactly what the demo sent.
 *
 * <p>Refused input is answered to its sender with an {@code error} message and the connection stays open. A frame
 * over {@code waypoint.max-message-bytes} closes the connection with 1009 (checked in
 * {@link MessageDecoder}); a client that does not read its frames is closed with {@link Outbox#SLOW_CONSUMER_CLOSE_CODE}.
 */
@ServerEndpoint(value = "/api/map", subprotocols = MapEndpoint.PROTOCOL_V2, decoders = MessageDecoder.class,
        encoders = MessageEncoder.class)
public class MapEndpoint {

    private static final Logger LOG = Logger.getLogger(MapEndpoint.class.getName());

    @Inject
    RoomRegistry rooms;

    @Inject
    ConnectionSettings settings;

    @Inject
    ServerMetrics metrics;

    /** The WebSocket subprotocol a client asks for to speak protocol version 2 (src/docs/protocol-v2.md). */
    public static final String PROTOCOL_V2 = "waypoint.v2";

    private SessionTransport transport;
    private Outbox outbox;
    private RoomRegistry.Membership membership;
    private volatile CloseCause closedFor; // set when this endpoint closes the connection itself

    @OnOpen
    public void open(Session session) {
        metrics.connectionOpened();
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        transport = new SessionTransport(session, settings.closeExecutor(), metrics);
        outbox = new Outbox(transport, settings.outboundQueueLimit(), settings.outboundQueueMaxBytes());
        List<String> ids = session.getRequestParameterMap().get("id");
        String roomId = RoomRegistry.roomId(ids == null || ids.isEmpty() ? null : ids.get(0));
        if (roomId.length() > settings.maxRoomIdLength()) {
            sendError(ErrorCode.INVALID_ROOM, "room id longer than " + settings.maxRoomIdLength() + " characters");
            closeWith(CloseReason.CloseCodes.VIOLATED_POLICY, "room id too long", CloseCause.INVALID_ROOM);
            return;
        }
        int protocol = PROTOCOL_V2.equals(session.getNegotiatedSubprotocol()) ? 2 : 1;
        membership = rooms.join(roomId, outbox, protocol);
        LOG.log(Level.FINE, "session {0} joined room {1} (protocol {2})", new Object[] {session.getId(), roomId, protocol});
    }

    @OnMessage
    public void message(ClientMessage message) {
        metrics.messageIn();
        if (membership != null) {
            membership.room().receive(membership.member(), message);
        }
    }

    @OnMessage
    public void binary(ByteBuffer frame) {
        metrics.messageIn();
        sendError(ErrorCode.BINARY_NOT_SUPPORTED, "binary frames are not supported: send JSON in text frames");
    }

    @OnError
    public void error(Session session, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MessageDecoder.TooLargeException tooLarge) {
                closeWith(CloseReason.CloseCodes.TOO_BIG, "message over " + tooLarge.limit() + " bytes",
                        CloseCause.MESSAGE_TOO_BIG);
                return;
            }
            if (t instanceof InvalidMessageException invalid) {
                metrics.messageIn(); // a frame that did not decode: message() never saw it
                if (outbox != null) {
                    metrics.errorSent(invalid.code());
                    outbox.send(MessageCodec.encode(ErrorMessage.of(invalid)));
                }
                return;
            }
        }
        LOG.log(Level.FINE, "session " + session.getId(), failure);
    }

    private void sendError(ErrorCode code, String message) {
        metrics.errorSent(code);
        outbox.send(MessageCodec.encode(ErrorMessage.of(code, message)));
    }

    /** Closes after frames already queued, off this thread. */
    private void closeWith(CloseReason.CloseCodes code, String reason, CloseCause cause) {
        closedFor = cause;
        metrics.closedBy(cause);
        outbox.close();
        transport.closeFor(code.getCode(), reason);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        metrics.connectionClosed();
        if (closedFor == null && reason.getCloseCode().getCode() == CloseReason.CloseCodes.TOO_BIG.getCode()) {
            // Tyrus closes a fragmented message over the session's buffer size itself, before any decoder sees it
            // (and tells onError afterwards). A client would send 1009 only for a frame of ours too big for it.
            metrics.closedBy(CloseCause.MESSAGE_TOO_BIG);
        }
        if (outbox != null) {
            outbox.close();
        }
        if (membership != null) {
            rooms.leave(membership);
        }
        LOG.log(Level.FINE, "session {0} closed: {1}", new Object[] {session.getId(), reason});
    }
}
