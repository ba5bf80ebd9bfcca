package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * {@code {"type":"error","code":"invalid_location","message":"..."}}: a request of its recipient was refused.
 * {@code code} is stable and machine-readable (see {@link ErrorCode}); {@code message} is for people and may change.
 * A demo client ignores it (it only acts on {@code pinUpdate}). {@code ref} (version 2) names the request refused,
 * when the client gave one.
 */
@JsonbPropertyOrder({"code", "message", "ref"})
public record ErrorMessage(String code, String message, String ref) implements ServerMessage {

    public static ErrorMessage of(InvalidMessageException e) {
        return new ErrorMessage(e.code().wireName(), e.getMessage(), e.ref());
    }

    public static ErrorMessage of(ErrorCode code, String message) {
        return new ErrorMessage(code.wireName(), message, null);
    }
}
