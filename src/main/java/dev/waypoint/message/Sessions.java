package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** Protocol version 2: the answer to {@code listSessions}, newest first. */
@JsonbPropertyOrder({"sessions", "ref"})
public record Sessions(List<SessionInfo> sessions, String ref) implements ServerMessage {
}
