package dev.waypoint.web;

import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;

/**
 * What the handshake of one connection learnt that the WebSocket session cannot tell: the client's address (from
 * {@link HandshakeFilter}), whether the origin check still has to refuse it, and a bearer token from an
 * {@code Authorization} header (programs can send one; browsers cannot). {@link HandshakeConfigurator} puts it into
 * the session's user properties, which Tyrus 2.1 copies per handshake.
 *
 * @param clientAddress the address the connection is counted under, or null when the filter did not run
 * @param originRefused true when the origin was not allowed and only the endpoint can still refuse it (the filter,
 *     which answers 403, did not run)
 * @param bearerToken the token of an {@code Authorization: Bearer} header, or null
 */
record Handshake(String clientAddress, boolean originRefused, String bearerToken) {

    static final String KEY = Handshake.class.getName();
    static final Handshake UNKNOWN = new Handshake(null, false, null);

    static Handshake of(Session session) {
        return session.getUserProperties().get(KEY) instanceof Handshake h ? h : UNKNOWN;
    }

    /** The first value of a header, whatever the case of its name in the map. */
    static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
