package dev.waypoint.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A room id, or a pattern of room ids where {@code *} stands for any characters (none included):
 * {@code secret-*}, {@code team-*-plans}, {@code *}. No other character is special, so room ids need no escaping.
 */
public final class RoomPattern {

    private final String pattern;
    private final String[] parts; // the literal pieces between the stars

    public RoomPattern(String pattern) {
        this.pattern = Objects.requireNonNull(pattern);
        this.parts = pattern.split("\\*", -1);
    }

    /** Patterns separated by commas; blanks around them are ignored, and so are empty entries. */
    public static List<RoomPattern> list(String commaSeparated) {
        List<RoomPattern> patterns = new ArrayList<>();
        if (commaSeparated != null) {
            for (String entry : commaSeparated.split(",")) {
                if (!entry.isBlank()) {
                    patterns.add(new RoomPattern(entry.strip()));
                }
            }
        }
        return List.copyOf(patterns);
    }

    /** True when any of {@code patterns} matches {@code roomId}. */
    public static boolean anyMatches(List<RoomPattern> patterns, String roomId) {
        for (RoomPattern pattern : patterns) {
            if (pattern.matches(roomId)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String roomId) {
        if (parts.length == 1) {
            return pattern.equals(roomId);
        }
        // Greedy left to right: the first piece anchors the start, the last the end, the middle ones in order.
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (roomId.length() < first.length() + last.length() || !roomId.startsWith(first) || !roomId.endsWith(last)) {
            return false;
        }
        int at = first.length();
        int end = roomId.length() - last.length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = roomId.indexOf(parts[i], at);
            if (found < 0 || found + parts[i].length() > end) {
                return false;
            }
            at = found + parts[i].length();
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
