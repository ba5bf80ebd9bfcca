package dev.waypoint.message;

/**
 * A client's message was refused. Its {@link #getMessage() message} says, for a person, what was wrong; the
 * {@link #code() code} says it for a program. Thrown while decoding, never after: no invalid message gets further.
 */
public class InvalidMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String ref;

    public InvalidMessageException(ErrorCode code, String message) {
        this(code, message, null);
    }

    private InvalidMessageException(ErrorCode code, String message, String ref) {
        super(message, null, false, false); // a refusal, not a failure: no stack trace to fill
        this.code = code;
        this.ref = ref;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code ref} of the refused request, if it had one: the error names it. */
    public String ref() {
        return ref;
    }

    public InvalidMessageException withRef(String ref) {
        return ref == null || ref.length() > Refs.MAX_LENGTH ? this : new InvalidMessageException(code, getMessage(), ref);
    }
}
