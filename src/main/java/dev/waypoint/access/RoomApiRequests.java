package dev.waypoint.access;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests of the HTTP API of rooms, {@code /api/rooms/{room}/...}: which room a request is about, and what access
 * it needs. Reading is {@link Access#VIEW}; anything else (saving, restoring or deleting a session, importing a
 * file) is {@link Access#EDIT}. The API thus obeys the same tokens as the WebSocket, so a protected room cannot be
 * read or changed over HTTP without one.
 *
 * <p>The room is read from the raw request path the way Jakarta REST reads a path parameter (percent-decoded UTF-8).
 * Paths the API never uses and that could be read differently by the filter and the resource (dot segments, empty
 * segments, matrix parameters, malformed escapes) are refused instead of guessed at.
 */
public final class RoomApiRequests {

    /** The API's rooms, within the application. */
    public static final String PREFIX = "/api/rooms/";

    private RoomApiRequests() {
    }

    /** Not a path this API could serve unambiguously. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The room {@code rawPath} (within the application, not decoded) is about.
     *
     * @return the room id, or null when the path names no room ({@code /api/rooms/} itself, or another path)
     * @throws Unreadable for a path with dot or empty segments, matrix parameters or malformed escapes
     */
    public static String room(String rawPath) throws Unreadable {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return null;
        }
        String rest = rawPath.substring(PREFIX.length());
        if (rest.isEmpty()) {
            return null;
        }
        for (String segment : rest.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || segment.contains(";")
                    || segment.equalsIgnoreCase("%2e") || segment.equalsIgnoreCase("%2e%2e")) {
                throw new Unreadable("the path has dot segments or matrix parameters");
            }
        }
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        if (segment.isEmpty() || rest.contains("//")) {
            throw new Unreadable("the path has empty segments");
        }
        return decode(segment);
    }

    /** The access a request with this HTTP method needs: view to read, edit for anything else. */
    public static Access needed(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> Access.VIEW;
            default -> Access.EDIT;
        };
    }

    /** The value of {@code name} in a raw query string, percent-decoded ({@code +} as a space), or null. */
    public static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return decode(eq < 0 ? "" : pair.substring(eq + 1).replace('+', ' '));
                } catch (Unreadable e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String decode(String segment) throws Unreadable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new Unreadable("a malformed escape");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Unreadable("a malformed escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < segment.length()) {
                    utf8 = segment.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("an escape that is not UTF-8");
        }
    }
}
