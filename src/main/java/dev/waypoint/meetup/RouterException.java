package dev.waypoint.meetup;

/**
 * A road router could not answer: unreachable, too slow, an error from it, or an answer that does not parse. The
 * message is short and safe to show to users ("HTTP 500", "NoRoute: Impossible route between points"); it never
 * carries the router's address.
 */
public class RouterException extends Exception {

    private static final long serialVersionUID = 1L;

    public RouterException(String message) {
        super(message);
    }

    public RouterException(String message, Throwable cause) {
        super(message, cause);
    }
}
