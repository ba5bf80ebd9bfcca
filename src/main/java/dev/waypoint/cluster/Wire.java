package dev.waypoint.cluster;

import java.util.List;

/**
 * The messages instances send each other through their inbox topics, each after a header line
 * {@code sender-uuid TAB number} (numbered per recipient, to find lost ones): plain strings, one letter of kind and
 * tab-separated fields, the last of which is taken whole (a room id, a client's request or a frame; JSON escapes
 * tabs, and a room id is last). {@code from} is the sender's member UUID, {@code conn} a connection id of the
 * client's instance.
 * <ul>
 *   <li>{@code J from conn protocol greeting room}: a client of {@code from} joins a room owned by the recipient,
 *     which queues {@code greeting} (a frame, JSON; empty for none) right after the join's first frames;</li>
 *   <li>{@code M from conn request}: that client's request, as JSON;</li>
 *   <li>{@code L from conn}: that client left;</li>
 *   <li>{@code F from conns frame [conns frame]...}: frames of rooms owned by {@code from} for clients of the
 *     recipient, in order; {@code conns} are the comma-separated connections that receive the frame after it (a
 *     change goes once to all its recipients). A frame is JSON written by the server's encoder, which never writes a
 *     raw tab (JSON escapes them in strings), so tabs separate the fields;</li>
 *   <li>{@code Q from call request}: a request over HTTP (a room id and a {@link RoomCall}, as JSON) for a room
 *     owned by the recipient;</li>
 *   <li>{@code A from call reply}: its answer ({@link RoomReply} as JSON);</li>
 *   <li>{@code K from number}: the sender has processed the recipient's messages up to that number;</li>
 *   <li>{@code R from}: the sender lost messages from the recipient and dropped the recipient's clients from its
 *     rooms: join them again.</li>
 * </ul>
 */
final class Wire {

    static final char JOIN = 'J';
    static final char MESSAGE = 'M';
    static final char LEAVE = 'L';
    static final char FRAME = 'F';
    static final char CALL = 'Q';
    static final char ANSWER = 'A';
    static final char REJOIN = 'R';
    static final char ACKNOWLEDGE = 'K';

    private Wire() {
    }

    static String join(String from, long conn, int protocol, String greeting, String roomId) {
        return JOIN + "\t" + from + "\t" + conn + "\t" + protocol + "\t" + (greeting == null ? "" : greeting) + "\t"
                + roomId;
    }

    static String message(String from, long conn, String json) {
        return MESSAGE + "\t" + from + "\t" + conn + "\t" + json;
    }

    static String leave(String from, long conn) {
        return LEAVE + "\t" + from + "\t" + conn;
    }

    /**
     * Frames for connections of one instance, in the order given: runs of the same frame (the same string, as a room
     * encodes a change once for all its members) are sent once with all their connections.
     */
    static String frames(String from, List<Long> connections, List<String> frames) {
        StringBuilder text = new StringBuilder(64 + frames.size() * 16).append(FRAME).append('\t').append(from);
        int i = 0;
        while (i < frames.size()) {
            String frame = frames.get(i);
            text.append('\t').append(connections.get(i));
            int j = i + 1;
            while (j < frames.size() && frames.get(j) == frame) {
                text.append(',').append(connections.get(j));
                j++;
            }
            text.append('\t').append(frame);
            i = j;
        }
        return text.toString();
    }

    static String acknowledge(String from, long number) {
        return ACKNOWLEDGE + "\t" + from + "\t" + number;
    }

    static String rejoin(String from) {
        return REJOIN + "\t" + from;
    }

    static String call(String from, long call, String json) {
        return CALL + "\t" + from + "\t" + call + "\t" + json;
    }

    static String answer(String from, long call, String json) {
        return ANSWER + "\t" + from + "\t" + call + "\t" + json;
    }

    /** Receives one frame for one connection. */
    interface FrameSink {
        void frame(String from, long connection, String frame);
    }

    /** Reads a message of {@link #frames}, in order; then tells {@code after} which connections received frames. */
    static void readFrames(String text, FrameSink sink, java.util.function.Consumer<java.util.Set<Long>> after) {
        String[] parts = text.split("\t", -1);
        if (parts.length < 4 || parts.length % 2 != 0) {
            throw new IllegalArgumentException("not a frames message");
        }
        String from = parts[1];
        java.util.Set<Long> touched = new java.util.LinkedHashSet<>();
        for (int k = 2; k < parts.length; k += 2) {
            String frame = parts[k + 1];
            for (String id : parts[k].split(",")) {
                long connection = Long.parseLong(id);
                sink.frame(from, connection, frame);
                touched.add(connection);
            }
        }
        after.accept(touched);
    }

    /** The message's {@code fields} fields (kind first); the last one is the rest of the text, tabs and all. */
    static String[] split(String text, int fields) {
        String[] parts = text.split("\t", fields);
        if (parts.length != fields) {
            throw new IllegalArgumentException("expected " + fields + " fields");
        }
        return parts;
    }
}
