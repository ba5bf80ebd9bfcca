package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;

/**
 * {@code {"type":"ping","id":"x","clientTime":123}}: answered to its sender only with a {@link Pong} that echoes
 * both fields as given. As in the demo, a missing {@code id} is answered as {@code ""} and a missing
 * {@code clientTime} as {@code 0}; unlike the demo, an {@code id} that is neither a string nor a number, or a
 * {@code clientTime} that is not a number, is refused with {@link ErrorCode#INVALID_PING}.
 *
 * <p>The components are {@code Object} because JSON-B maps a JSON string to {@link String} and a JSON number to
 * {@link BigDecimal} there, so a number is echoed exactly (no rounding through {@code double}); the constructor
 * refuses whatever else (booleans, objects, arrays) it could be.
 */
@JsonbPropertyOrder({"id", "clientTime"})
public record Ping(Object id, Object clientTime) implements ClientMessage {

    public Ping {
        id = id == null ? "" : id;
        clientTime = clientTime == null ? BigDecimal.ZERO : clientTime;
        if (!(id instanceof String || id instanceof Number)) { // an object or array; JSON-B gives a boolean as its text
            throw new InvalidMessageException(ErrorCode.INVALID_PING, "ping's id must be a string or a number");
        }
        if (!(clientTime instanceof Number)) {
            throw new InvalidMessageException(ErrorCode.INVALID_PING, "ping's clientTime must be a number");
        }
    }

    /** The answer to this ping. */
    public Pong pong() {
        return new Pong(id, clientTime);
    }
}
