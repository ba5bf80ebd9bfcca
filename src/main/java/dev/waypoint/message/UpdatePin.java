package dev.waypoint.message;

/**
 * Protocol version 2: {@code updatePin} changes the fields of pin {@code id} given in {@code set}; with
 * {@code baseVersion}, only if the pin did not change since that room version.
 */
public record UpdatePin(String id, Long baseVersion, JsonFields set, String ref) implements ClientMessage {

    public UpdatePin {
        if (id == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "updatePin needs the id of a pin");
        }
        if (set == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_PIN, "updatePin needs \"set\": the fields to change");
        }
        ref = Refs.check(ref);
    }

    public PinEdit edit() {
        return PinEdit.of(set);
    }
}
