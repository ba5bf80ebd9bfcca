package dev.waypoint.cluster;

/**
 * The messages instances send each other through their inbox topics: plain strings, one letter of kind and
 * tab-separated fields, the last of which is taken whole (a room id, a client's request or a frame; JSON escapes
 * tabs, and a room id is last). {@code from} is the sender's member UUID, {@code conn} a connection id of the
 * client's instance.
 * <ul>
 *   <li>{@code J from conn protocol room}: a client of {@code from} joins a room owned by the recipient;</li>
 *   <li>{@code M from conn request}: that client's request, as JSON;</li>
 *   <li>{@code L from conn}: that client left;</li>
 *   <li>{@code F from conn frame}: a frame of the room owned by {@code from} for a client of the recipient;</li>
 *   <li>{@code Q from call request}: a request over HTTP (a room id and a {@link RoomCall}, as JSON) for a room
 *     owned by the recipient;</li>
 *   <li>{@code A from call reply}: its answer ({@link RoomReply} as JSON).</li>
 * </ul>
 */
final class Wire {

    static final char JOIN = 'J';
    static final char MESSAGE = 'M';
    static final char LEAVE = 'L';
    static final char FRAME = 'F';
    static final char CALL = 'Q';
    static final char ANSWER = 'A';

    private Wire() {
    }

    static String join(String from, long conn, int protocol, String roomId) {
        return JOIN + "\t" + from + "\t" + conn + "\t" + protocol + "\t" + roomId;
    }

    static String message(String from, long conn, String json) {
        return MESSAGE + "\t" + from + "\t" + conn + "\t" + json;
    }

    static String leave(String from, long conn) {
        return LEAVE + "\t" + from + "\t" + conn;
    }

    static String frame(String from, long conn, String frame) {
        return FRAME + "\t" + from + "\t" + conn + "\t" + frame;
    }

    static String call(String from, long call, String json) {
        return CALL + "\t" + from + "\t" + call + "\t" + json;
    }

    static String answer(String from, long call, String json) {
        return ANSWER + "\t" + from + "\t" + call + "\t" + json;
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
