package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * {@code {"type":"pong","id":"x","clientTime":123}}: the answer to a {@link Ping}, to its sender only. {@code id}
 * is a {@link String} or a {@link Number}, {@code clientTime} a {@link Number}, as {@link Ping} checked them.
 */
@JsonbPropertyOrder({"id", "clientTime"})
public record Pong(Object id, Object clientTime) implements ServerMessage {
}
