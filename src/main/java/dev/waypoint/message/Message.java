package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * Every message of the protocol. The JSON member {@code type} is the discriminator; the records themselves must not
 * declare a {@code type} component (Yasson writes and reads it from this annotation).
 */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "ping", type = Ping.class),
        @JsonbSubtype(alias = "setPin", type = SetPin.class),
        @JsonbSubtype(alias = "pong", type = Pong.class),
        @JsonbSubtype(alias = "pinUpdate", type = PinUpdate.class),
        @JsonbSubtype(alias = "error", type = ErrorMessage.class)
})
public sealed interface Message permits ClientMessage, ServerMessage {
}
