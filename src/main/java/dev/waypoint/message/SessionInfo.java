package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/**
 * A saved session of a room, without its contents: who saved it ({@code author}: the display name, or
 * {@value #ANONYMOUS}), when, at which room version, and how many pins and routes it holds.
 */
@JsonbPropertyOrder({"id", "name", "author", "savedAt", "roomVersion", "pins", "routes"})
public record SessionInfo(String id, String name, String author, Instant savedAt, long roomVersion, int pins,
                          int routes) {

    /** The author of a session saved by someone who gave no name. */
    public static final String ANONYMOUS = "anonymous";
}
