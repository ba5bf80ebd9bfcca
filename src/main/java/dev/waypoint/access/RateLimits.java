package dev.waypoint.access;

/**
 * The message rate one connection may keep up ({@link MessageRate}).
 *
 * @param perSecond messages per second, sustained; 0 or less: no limit at all
 * @param burst messages that may come at once (the bucket's size); at least 1 when there is a limit
 * @param maxDroppedPerMinute dropped messages tolerated in about a minute before the connection is closed; 0 or
 *     less: never closed for its rate, only its messages dropped
 */
public record RateLimits(double perSecond, int burst, int maxDroppedPerMinute) {

    public static final RateLimits UNLIMITED = new RateLimits(0, 0, 0);

    public RateLimits {
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("a message burst must be at least 1, got " + burst);
        }
    }

    public boolean limited() {
        return perSecond > 0;
    }
}
