package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Protocol version 2: a saved session of the room was deleted (sent like {@link SessionSaved}). */
@JsonbPropertyOrder({"sessionId", "ref"})
public record SessionDeleted(String sessionId, String ref) implements ServerMessage {
}
