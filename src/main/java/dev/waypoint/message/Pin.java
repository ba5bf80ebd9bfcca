package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;

/**
 * A pin of a room (protocol version 2). {@code description}, {@code symbol} and {@code metadata} may be null (and are
 * then left out of the JSON); {@code version} is the room version of the pin's last change.
 */
@JsonbPropertyOrder({"id", "location", "color", "label", "description", "symbol", "metadata", "createdBy", "createdAt", "version"})
public record Pin(String id, Location location, String color, String label, String description, String symbol,
                  Metadata metadata, String createdBy, Instant createdAt, long version) {

    /** The id of the room's version 1 pin, the one {@code setPin} moves. */
    public static final String LEGACY_ID = "legacy";

    @JsonbTransient
    public boolean isLegacy() {
        return LEGACY_ID.equals(id);
    }
}
