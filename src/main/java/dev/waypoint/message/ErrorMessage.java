package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;

/**
 * {@code {"type":"error","code":"invalid_location","message":"..."}}: a request of its recipient was refused.
 * {@code code} is stable and machine-readable (see {@link ErrorCode}); {@code message} is for people and may change.
 * A demo client ignores it (it only acts on {@code pinUpdate}).
 */
@JsonbPropertyOrder({"code", "message"})
public record ErrorMessage(String code, String message) implements ServerMessage {

    public static ErrorMessage of(InvalidMessageException e) {
        return new ErrorMessage(e.code().wireName(), e.getMessage());
    }

    public static ErrorMessage of(ErrorCode code, String message) {
        return new ErrorMessage(code.wireName(), message);
    }

    /** The code as an enum constant, for tests and logs; not part of the JSON. */
    @JsonbTransient
    public ErrorCode errorCode() {
        return ErrorCode.fromWireName(code);
    }
}
