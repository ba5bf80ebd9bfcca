package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: a session of the room was saved (sent to every version 2 client, so that their lists stay
 * current; {@code ref} only in the copy for the client that asked). Not a change of the room: it has no version.
 */
@JsonbPropertyOrder({"session", "ref"})
public record SessionSaved(SessionInfo session, String ref) implements ServerMessage {
}
