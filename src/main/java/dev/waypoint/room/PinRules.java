package dev.waypoint.room;

import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.PinEdit;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a pin may hold, against a room's {@link Limits}. Every violation names the field and the limit. Public so that
 * an import ({@code dev.waypoint.geojson}) checks pins with the very rules the room applies.
 */
public final class PinRules {

    static final String DEFAULT_COLOR = "#ff4136";
    static final String DEFAULT_LABEL = "Pin";
    static final Set<String> ICONS = Set.of("flag", "star", "home", "food", "car", "camera", "info", "warning");
    private static final int MAX_EMOJI_UNITS = 16;

    private final Limits limits;

    public PinRules(Limits limits) {
        this.limits = limits;
    }

    /** A new pin from an {@code addPin}; its location is required. */
    public Pin create(String id, PinEdit edit, String createdBy, Instant now, long version) {
        if (edit.location() == null) {
            throw invalid("a new pin needs a location");
        }
        Pin blank = new Pin(id, edit.location(), DEFAULT_COLOR, DEFAULT_LABEL, null, null, null, createdBy, now, version);
        return apply(blank, edit, version);
    }

    /** {@code pin} with the fields of {@code edit} applied. */
    public Pin apply(Pin pin, PinEdit edit, long version) {
        return new Pin(pin.id(),
                edit.location() != null ? edit.location() : pin.location(),
                edit.color() != null ? TextRules.color(edit.color(), ErrorCode.INVALID_PIN) : pin.color(),
                edit.label() != null ? TextRules.trimmed("label", edit.label(), limits.labelLength(), ErrorCode.INVALID_PIN)
                        : pin.label(),
                edit.description() != null ? edit.description().map(this::description).orElse(null) : pin.description(),
                edit.symbol() != null ? edit.symbol().map(PinRules::symbol).orElse(null) : pin.symbol(),
                edit.metadata() != null ? edit.metadata().map(this::metadata).orElse(null) : pin.metadata(),
                pin.createdBy(), pin.createdAt(), version);
    }

    private String description(String description) {
        if (description.length() > limits.descriptionLength()) {
            throw invalid("description must be at most " + limits.descriptionLength() + " characters, got "
                    + description.length());
        }
        return description;
    }

    private static String symbol(String symbol) {
        if (symbol.startsWith("icon:")) {
            if (!ICONS.contains(symbol.substring(5))) {
                throw invalid("symbol icon must be one of " + ICONS.stream().sorted().toList() + ", got \""
                        + TextRules.shorten(symbol) + "\"");
            }
            return symbol;
        }
        boolean plausibleEmoji = !symbol.isEmpty() && symbol.length() <= MAX_EMOJI_UNITS
                && symbol.chars().allMatch(c -> c > 0x7f && !Character.isWhitespace(c));
        if (!plausibleEmoji) {
            throw invalid("symbol must be one emoji (at most " + MAX_EMOJI_UNITS
                    + " UTF-16 units, no ASCII) or icon:NAME");
        }
        return symbol;
    }

    private Metadata metadata(Metadata given) {
        Map<String, Object> metadata = given.values();
        if (metadata.size() > limits.metadataKeys()) {
            throw invalid("metadata may have at most " + limits.metadataKeys() + " keys, got " + metadata.size());
        }
        for (Map.Entry<String, Object> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.isEmpty() || key.length() > limits.metadataKeyLength()) {
                throw invalid("metadata keys must be 1 to " + limits.metadataKeyLength() + " characters, got \""
                        + TextRules.shorten(key) + "\"");
            }
            if (entry.getValue() instanceof String value && value.length() > limits.metadataValueLength()) {
                throw invalid("metadata \"" + TextRules.shorten(key) + "\" must be at most " + limits.metadataValueLength()
                        + " characters, got " + value.length());
            }
        }
        return metadata.isEmpty() ? null : given;
    }


    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorCode.INVALID_PIN, message);
    }
}
