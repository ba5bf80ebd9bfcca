package dev.waypoint.message;

/** A message a client may send. Anything else a client sends is answered with {@link ErrorCode#UNKNOWN_TYPE}. */
public sealed interface ClientMessage extends Message permits Ping, SetPin {

    /** The {@code type} names a client may send, in the order the error message lists them. */
    java.util.List<String> TYPES = java.util.List.of("ping", "setPin");
}
