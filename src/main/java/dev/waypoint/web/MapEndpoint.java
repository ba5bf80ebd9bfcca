package dev.waypoint.web;

import dev.waypoint.access.AccessPolicy;
import dev.waypoint.access.ConnectionAccess;
import dev.waypoint.access.Lease;
import dev.waypoint.access.MessageRate;
import dev.waypoint.access.ViewRules;
import dev.waypoint.message.AccessInfo;
import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.ErrorMessage;
import dev.waypoint.message.Hello;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.TokenRenewal;
import dev.waypoint.ops.CloseCause;
import dev.waypoint.ops.ServerMetrics;
import dev.waypoint.cluster.RoomConnection;
import dev.waypoint.cluster.Rooms;
import dev.waypoint.room.Outbox;
import dev.waypoint.room.RoomRegistry;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>Who may connect ({@link dev.waypoint.access}): a page of a foreign origin was refused with 403 before the
 * upgrade ({@link HandshakeFilter}). Here, in this order, a connection is refused with an {@code error} and a close
 * code when its address has too many connections (1013), its room id is too long (1008), its room needs a token it
 * does not have or its token is not valid (1008), or its room would be one active room too many (1013). Each message
 * then takes a token of the connection's {@link MessageRate}: over the rate it is dropped with {@code rate_limited},
 * and a connection that keeps going over it is closed with 1008. A view-only connection's changes are refused with
 * {@code read_only} and the connection stays open.
 *
 * <p>A token is not only checked at connect: what it granted ends when it expires ({@link ConnectionAccess}). The
 * connection is then sent {@code token_expired} and closed with 1008, found either by its next message or, if it
 * only listens, by the one shared {@link ConnectionSweeper}. A version 2 client may renew its token on the open
 * connection ({@link TokenRenewal}).
 *
 * <p>A connection the server has heard nothing from for a while is pinged, and closed with 1001 if it does not
 * answer ({@link Liveness}): its client is gone without a close.
 */
@ServerEndpoint(value = "/api/map", subprotocols = MapEndpoint.PROTOCOL_V2, decoders = MessageDecoder.class,
        encoders = MessageEncoder.class, configurator = HandshakeConfigurator.class)
public class MapEndpoint implements Liveness.Peer {

    private static final Logger LOG = Logger.getLogger(MapEndpoint.class.getName());

    @Inject
    Rooms rooms;

    @Inject
    ConnectionSettings settings;

    @Inject
    AccessSettings access;

    @Inject
    ServerMetrics metrics;

    @Inject
    ConnectionSweeper sweeper;

    private static final AtomicBoolean WARNED_NO_FILTER = new AtomicBoolean();

    /** The WebSocket subprotocol a client asks for to speak protocol version 2 (src/docs/protocol-v2.md). */
    public static final String PROTOCOL_V2 = "waypoint.v2";

    private Session session;
    private SessionTransport transport;
    private Outbox outbox;
    private RoomConnection membership; // the connection in its room, here or at its owner in a cluster
    private volatile CloseCause closedFor; // set when this endpoint closes the connection itself
    // Who may connect: the places this connection holds under the limits, its access and its message rate.
    private Lease addressLease;
    private Lease roomLease;
    private ConnectionAccess grant; // what the connection's token grants, until when; set once it is admitted
    private String tokenName;
    private int protocol;
    private MessageRate rate;
    private Liveness.Watch watch; // its last sign of life, once it is admitted
    // Set by whichever path closes the connection first (refusal, rate, expiry), from the connection's own thread or
    // the sweeper's; the others then do nothing.
    private final AtomicBoolean closing = new AtomicBoolean();

    @OnOpen
    public void open(Session session) {
        this.session = session;
        metrics.connectionOpened();
        session.setMaxTextMessageBufferSize(settings.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        transport = new SessionTransport(session, settings.closeExecutor(), metrics);
        outbox = new Outbox(transport, settings.outboundQueueLimit(), settings.outboundQueueMaxBytes());
        Handshake handshake = Handshake.of(session);
        if (handshake.clientAddress() == null && WARNED_NO_FILTER.compareAndSet(false, true)) {
            LOG.warning("The WebSocket upgrade ran without HandshakeFilter before it: origins are checked after the"
                    + " upgrade (refused connections are closed with 1008) and connections per address are not limited");
        }
        if (handshake.originRefused()) {
            refuse(ErrorCode.ACCESS_DENIED, "pages from this origin may not connect to this server",
                    CloseReason.CloseCodes.VIOLATED_POLICY, "origin not allowed");
            return;
        }
        addressLease = access.connections().acquire(handshake.clientAddress());
        if (addressLease == null) {
            refuse(ErrorCode.TOO_MANY_CONNECTIONS, "your address has " + access.connections().limit()
                    + " connections open already, the most it may have; close one and try again",
                    CloseReason.CloseCodes.TRY_AGAIN_LATER, "too many connections");
            return;
        }
        List<String> ids = session.getRequestParameterMap().get("id");
        String roomId = RoomRegistry.roomId(ids == null || ids.isEmpty() ? null : ids.get(0));
        if (roomId.length() > settings.maxRoomIdLength()) {
            refuse(ErrorCode.INVALID_ROOM, "room id longer than " + settings.maxRoomIdLength() + " characters",
                    CloseReason.CloseCodes.VIOLATED_POLICY, "room id too long");
            return;
        }
        List<String> tokens = session.getRequestParameterMap().get(AccessPolicy.TOKEN_PARAMETER);
        String token = tokens == null || tokens.isEmpty() ? handshake.bearerToken() : tokens.get(0);
        AccessPolicy.Decision decision = access.policy().decide(roomId, token);
        if (decision instanceof AccessPolicy.Refused refused) {
            LOG.log(Level.FINE, "session {0} refused room {1}: {2}", new Object[] {session.getId(), roomId, refused.message()});
            refuse(refused.code(), refused.message(), CloseReason.CloseCodes.VIOLATED_POLICY,
                    refused.code() == ErrorCode.TOKEN_EXPIRED ? "token expired" : "access denied");
            return;
        }
        AccessPolicy.Admitted admitted = (AccessPolicy.Admitted) decision;
        roomLease = access.activeRooms().enter(roomId);
        if (roomLease == null) {
            refuse(ErrorCode.TOO_MANY_ROOMS, "this server has " + access.activeRooms().limit()
                    + " rooms in use, the most it may have: try again later", CloseReason.CloseCodes.TRY_AGAIN_LATER,
                    "too many rooms");
            return;
        }
        grant = new ConnectionAccess(access.policy(), roomId, admitted);
        rate = new MessageRate(access.rateLimits());
        protocol = PROTOCOL_V2.equals(session.getNegotiatedSubprotocol()) ? 2 : 1;
        // A token's access is told right after the snapshot (protocol-v2.md): the room queues it with the snapshot,
        // so that no other member's change can come between.
        String access = grant.hasToken() && protocol >= 2
                ? MessageCodec.encode(new AccessInfo(grant.access().wireName(), grant.name(), null)) : null;
        membership = rooms.connect(roomId, outbox, protocol, access);
        watch = sweeper.liveness().watch(this);
        if (grant.hasToken()) {
            tokenName = grant.name();
            sweeper.expiring().track(this, grant.deadline());
            if (protocol >= 2 && tokenName != null) {
                membership.receive(new Hello(tokenName, null, null));
            }
        }
        LOG.log(Level.FINE, "session {0} joined room {1} (protocol {2}, {3})",
                new Object[] {session.getId(), roomId, protocol, grant.access().wireName()});
    }

    @OnMessage
    public void message(ClientMessage message) {
        metrics.messageIn();
        heard();
        if (membership == null || !admissible(message.ref())) {
            return;
        }
        if (message instanceof TokenRenewal renewal && protocol >= 2) {
            renew(renewal);
            return;
        }
        if (!ViewRules.permits(grant.access(), message)) {
            metrics.errorSent(ErrorCode.READ_ONLY);
            outbox.send(MessageCodec.encode(new ErrorMessage(ErrorCode.READ_ONLY.wireName(),
                    "you may view this room but not change it", message.ref())));
            return;
        }
        ClientMessage request = message;
        if (tokenName != null && message instanceof Hello hello && hello.name() != null) {
            request = new Hello(tokenName, hello.color(), hello.ref()); // the name the token vouches for stays
        }
        membership.receive(request);
    }

    @OnMessage
    public void binary(ByteBuffer frame) {
        metrics.messageIn();
        heard();
        if (membership == null || !admissible(null)) {
            return;
        }
        metrics.errorSent(ErrorCode.BINARY_NOT_SUPPORTED);
        outbox.send(MessageCodec.encode(ErrorMessage.of(ErrorCode.BINARY_NOT_SUPPORTED,
                "binary frames are not supported: send JSON in text frames")));
    }

    /** The client's answer to a ping of {@link Liveness}: it is still there. */
    @OnMessage
    public void pong(PongMessage pong) {
        heard();
    }

    private void heard() {
        if (watch != null) {
            watch.heard();
        }
    }

    @Override
    public void ping() {
        transport.ping();
    }

    @Override
    public void unresponsive() {
        if (closing.compareAndSet(false, true)) {
            LOG.log(Level.FINE, "session {0}: no answer to a ping", session.getId());
            closeWith(CloseReason.CloseCodes.GOING_AWAY, "no answer to ping", CloseCause.UNRESPONSIVE);
        }
    }

    /**
     * Whether a message of an admitted connection is handled at all: not once the connection is closing, not after
     * its token expired (the connection is closed), and not over its rate ({@link #withinRate}).
     */
    private boolean admissible(String ref) {
        if (closing.get()) {
            return false;
        }
        if (grant.hasToken() && grant.expired(access.clock().millis())) {
            expireIfDue();
            return false;
        }
        return withinRate(ref);
    }

    /**
     * Ends the connection if its token has expired: {@code token_expired}, then close 1008 after frames already
     * queued, and nothing of the room after that. Called on a message, and by {@link ConnectionSweeper} for connections
     * that only listen.
     */
    void expireIfDue() {
        if (grant == null || !grant.expired(access.clock().millis()) || !closing.compareAndSet(false, true)) {
            return;
        }
        LOG.log(Level.FINE, "session {0}: token expired", session.getId());
        metrics.errorSent(ErrorCode.TOKEN_EXPIRED);
        outbox.send(MessageCodec.encode(ErrorMessage.of(ErrorCode.TOKEN_EXPIRED,
                "your token has expired: connect again with a fresh one")));
        closeWith(CloseReason.CloseCodes.VIOLATED_POLICY, "token expired", CloseCause.TOKEN_EXPIRED);
    }

    /** A version 2 client's fresh token: applied and answered with {@code access}, or refused and nothing changes. */
    private void renew(TokenRenewal renewal) {
        AccessPolicy.Decision decision = grant.renew(renewal.token(), access.clock().millis());
        if (decision instanceof AccessPolicy.Refused refused) {
            LOG.log(Level.FINE, "session {0}: token renewal refused: {1}", new Object[] {session.getId(), refused.message()});
            metrics.errorSent(refused.code());
            outbox.send(MessageCodec.encode(new ErrorMessage(refused.code().wireName(), refused.message(), renewal.ref())));
            return;
        }
        sweeper.expiring().track(this, grant.deadline());
        outbox.send(MessageCodec.encode(new AccessInfo(grant.access().wireName(), tokenName, renewal.ref())));
    }

    /**
     * Counts a message against the connection's rate. Over the rate the message is dropped and its sender told;
     * a connection that keeps going over it is closed with 1008.
     */
    private boolean withinRate(String ref) {
        MessageRate.Verdict verdict = rate.take();
        if (verdict == MessageRate.Verdict.ACCEPT) {
            return true;
        }
        boolean close = verdict == MessageRate.Verdict.CLOSE;
        double perSecond = access.rateLimits().perSecond();
        String limit = perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
        metrics.errorSent(ErrorCode.RATE_LIMITED);
        outbox.send(MessageCodec.encode(new ErrorMessage(ErrorCode.RATE_LIMITED.wireName(), close
                ? "kept sending more than " + limit + " messages per second: closing"
                : "more than " + limit + " messages per second: this one was dropped", ref)));
        if (close && closing.compareAndSet(false, true)) {
            closeWith(CloseReason.CloseCodes.VIOLATED_POLICY, "message rate", CloseCause.ABUSE);
        }
        return false;
    }

    /** Refuses the connection in {@link #open}: the error, then the close code, after frames already queued. */
    private void refuse(ErrorCode code, String message, CloseReason.CloseCode closeCode, String reason) {
        closing.set(true);
        metrics.errorSent(code);
        outbox.send(MessageCodec.encode(ErrorMessage.of(code, message)));
        closeWith(closeCode, reason, switch (code) {
            case INVALID_ROOM -> CloseCause.INVALID_ROOM;
            case TOO_MANY_CONNECTIONS, TOO_MANY_ROOMS -> CloseCause.ABUSE;
            default -> CloseCause.ACCESS_DENIED;
        });
    }

    @OnError
    public void error(Session session, Throwable failure) {
        heard(); // a frame that did not decode (the other failures are the connection's end, which onClose sees)
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MessageDecoder.TooLargeException tooLarge) {
                closeWith(CloseReason.CloseCodes.TOO_BIG, "message over " + tooLarge.limit() + " bytes",
                        CloseCause.MESSAGE_TOO_BIG);
                return;
            }
            if (t instanceof InvalidMessageException invalid) {
                metrics.messageIn(); // a frame that did not decode: message() never saw it
                if (membership != null && admissible(invalid.ref())) {
                    metrics.errorSent(invalid.code());
                    outbox.send(MessageCodec.encode(ErrorMessage.of(invalid)));
                }
                return;
            }
        }
        LOG.log(Level.FINE, "session " + session.getId(), failure);
    }

    /** Closes after frames already queued, off this thread. */
    private void closeWith(CloseReason.CloseCode code, String reason, CloseCause cause) {
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
        if (grant != null && grant.hasToken()) {
            sweeper.expiring().untrack(this);
        }
        if (watch != null) {
            watch.end();
        }
        if (membership != null) {
            membership.leave();
        }
        if (roomLease != null) {
            roomLease.release();
        }
        if (addressLease != null) {
            addressLease.release();
        }
        LOG.log(Level.FINE, "session {0} closed: {1}", new Object[] {session.getId(), reason});
    }
}
