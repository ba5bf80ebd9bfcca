package dev.waypoint.message;

import java.util.List;

/** A message a client may send. Anything else a client sends is answered with {@link ErrorCode#UNKNOWN_TYPE}. */
public sealed interface ClientMessage extends Message
        permits Ping, SetPin, Hello, AddPin, UpdatePin, RemovePin, ShareLocation, StopSharing, Sync, AddRoute,
        UpdateRoute, RemoveRoute, SaveSession, ListSessions, RestoreSession, DeleteSession, TokenRenewal {

    /** The {@code type} names a version 1 client may send, in the order the error message lists them. */
    List<String> TYPES = List.of("ping", "setPin");

    /** The {@code type} names a version 2 client may send. */
    List<String> TYPES_V2 = List.of("ping", "setPin", "hello", "addPin", "updatePin", "removePin", "shareLocation",
            "stopSharing", "sync", "addRoute", "updateRoute", "removeRoute", "saveSession", "listSessions",
            "restoreSession", "deleteSession", "token");

    /** The client's {@code ref} for this request, if it gave one (version 1 requests have none). */
    default String ref() {
        return null;
    }
}
