package dev.waypoint.room;

import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import java.util.regex.Pattern;

/**
 * The checks that pins, routes and participants share: a colour and a trimmed, length-bounded text. Each caller
 * names the error code its refusals carry.
 */
final class TextRules {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private TextRules() {
    }

    /** {@code #rrggbb}, returned in lower case. */
    static String color(String color, ErrorCode code) {
        if (!COLOR.matcher(color).matches()) {
            throw new InvalidMessageException(code, "color must be #rrggbb, got \"" + shorten(color) + "\"");
        }
        return color.toLowerCase();
    }

    /** {@code text} stripped of surrounding blanks, 1 to {@code max} characters long. */
    static String trimmed(String field, String text, int max, ErrorCode code) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > max) {
            throw new InvalidMessageException(code, field + " must be 1 to " + max + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
