package dev.waypoint.message;

/** Protocol version 2: {@code addPin} adds a pin; {@code pin} holds its fields (see {@link PinEdit}). */
public record AddPin(JsonFields pin, String ref) implements ClientMessage {

    public AddPin {
        if (pin == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_PIN, "addPin needs a pin {\"location\":{..},..}");
        }
        ref = Refs.check(ref);
    }

    public PinEdit edit() {
        return PinEdit.of(pin);
    }
}
