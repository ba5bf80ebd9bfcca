package dev.waypoint.message;

/**
 * A client's message was refused. Its {@link #getMessage() message} says, for a person, what was wrong; the
 * {@link #code() code} says it for a program. Thrown while decoding, never after: no invalid message gets further.
 */
public class InvalidMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public InvalidMessageException(ErrorCode code, String message) {
        super(message, null, false, false); // a refusal, not a failure: no stack trace to fill
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
