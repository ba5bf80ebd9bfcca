package dev.waypoint.message;

/** Protocol version 2: {@code shareLocation} shares the sender's position, with their consent. */
public record ShareLocation(Location location, Double accuracy, String ref) implements ClientMessage {

    public ShareLocation {
        if (location == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_LOCATION, "shareLocation needs a location {\"lat\":..,\"lng\":..}");
        }
        if (accuracy != null && !(accuracy >= 0 && Double.isFinite(accuracy))) {
            throw new InvalidMessageException(ErrorCode.INVALID_LOCATION, "accuracy must be a finite number of metres");
        }
        ref = Refs.check(ref);
    }
}
