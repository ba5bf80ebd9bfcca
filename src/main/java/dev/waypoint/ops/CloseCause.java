package dev.waypoint.ops;

/**
 * Why the server closed a connection, as counted by {@code waypoint.connections.closed{cause=...}}. Clients that
 * close their own connections are not counted here. Adding a constant adds its series; never rename one (an
 * operator's dashboards and alerts name them).
 */
public enum CloseCause {
    /** The client did not read its frames fast enough: its outbound queue overflowed (close code 1013). */
    SLOW_CONSUMER("slow_consumer"),
    /**
     * A message over {@code waypoint.max-message-bytes} (close code 1009): a single frame refused by Waypoint's
     * decoder, or a fragmented message refused by the WebSocket container itself.
     */
    MESSAGE_TOO_BIG("message_too_big"),
    /** A frame could not be written to the connection (close code 1011): the client reconnects and resyncs. */
    WRITE_FAILED("write_failed"),
    /** The room id was refused (close code 1008). */
    INVALID_ROOM("invalid_room"),
    /**
     * A security limit: messages per second, connections per client address, rooms per server. For the security
     * feature to call; it may split this into one constant per limit.
     */
    ABUSE("abuse"),
    /** Refused at connect: a page of a foreign origin, or no valid token for the room (close code 1008). */
    ACCESS_DENIED("access_denied"),
    /** An open connection's token expired and was not renewed in time (close code 1008). */
    TOKEN_EXPIRED("token_expired"),
    /**
     * The client answered neither frames nor a ping for {@code waypoint.pong-timeout-seconds} (close code 1001): it is
     * gone without a close, or its connection is a handshake the client cut short.
     */
    UNRESPONSIVE("unresponsive");

    private final String tag;

    CloseCause(String tag) {
        this.tag = tag;
    }

    /** The value of the metric's {@code cause} tag. */
    public String tag() {
        return tag;
    }
}
