package dev.waypoint.access;

/** A token that grants nothing; the message says why, for the person whose token it is. */
public final class TokenRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean expired;

    TokenRejected(String message) {
        this(message, false);
    }

    TokenRejected(String message, boolean expired) {
        super(message, null, false, false); // a refusal, not a failure: no stack trace
        this.expired = expired;
    }

    /** True when the token was good but its time is over: the client needs a fresh one. */
    public boolean expired() {
        return expired;
    }
}
