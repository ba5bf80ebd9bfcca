package dev.waypoint.message;

/**
 * The stable, machine-readable codes of {@link ErrorMessage}. Their wire names are part of the protocol: never
 * rename one, only add.
 */
public enum ErrorCode {
    /** The text frame is not JSON. */
    MALFORMED_JSON("malformed_json"),
    /** The JSON nests objects and arrays deeper than {@link MessageCodec#MAX_DEPTH}. */
    NESTING_TOO_DEEP("nesting_too_deep"),
    /** The JSON is valid but not an object. */
    NOT_AN_OBJECT("not_an_object"),
    /** The object has no {@code type}, or its {@code type} is not a string. */
    MISSING_TYPE("missing_type"),
    /** The {@code type} is not one a client may send. */
    UNKNOWN_TYPE("unknown_type"),
    /** A {@code setPin} without a valid location. */
    INVALID_LOCATION("invalid_location"),
    /** A {@code ping} whose {@code id} or {@code clientTime} has the wrong JSON type. */
    INVALID_PING("invalid_ping"),
    /** A binary frame: the protocol is JSON in text frames. */
    BINARY_NOT_SUPPORTED("binary_not_supported"),
    /** The room id of the connection is not acceptable. */
    INVALID_ROOM("invalid_room"),
    /** Version 2: a pin field breaks the rules (the message names the field and the limit). */
    INVALID_PIN("invalid_pin"),
    /** Version 2: a route field breaks the rules (the message names the field or point and the limit). */
    INVALID_ROUTE("invalid_route"),
    /** Version 2: a {@code hello} with a bad name or colour. */
    INVALID_PARTICIPANT("invalid_participant"),
    /** Version 2: no pin or route with that id in the room. */
    NOT_FOUND("not_found"),
    /** Version 2: the item changed after the request's {@code baseVersion}. */
    CONFLICT("conflict"),
    /** Version 2: a room limit (such as pins per room) is reached. */
    LIMIT_REACHED("limit_reached"),
    /** Version 2: {@code ref} is not a string of at most 64 characters. */
    INVALID_REF("invalid_ref"),
    /** Version 2: a saved session's name breaks the rules. */
    INVALID_SESSION("invalid_session"),
    /** The change could not be stored (the database is failing or behind); nothing changed, try again later. */
    STORAGE_UNAVAILABLE("storage_unavailable"),
    /**
     * An imported GeoJSON file is refused (not GeoJSON, a feature Waypoint cannot read, or more than a room holds);
     * the refusal lists every feature at fault, and nothing is imported.
     */
    INVALID_GEOJSON("invalid_geojson"),
    /** The connection may not enter its room: no token for a protected room, or a token that is not valid for it. */
    ACCESS_DENIED("access_denied"),
    /** The connection's token has expired: the client needs a fresh one. */
    TOKEN_EXPIRED("token_expired"),
    /** A change from a connection whose token grants view access only. */
    READ_ONLY("read_only"),
    /** The connection sends faster than {@code waypoint.client.messages-per-second}: the message was dropped. */
    RATE_LIMITED("rate_limited"),
    /** The client's address has {@code waypoint.max-connections-per-address} connections open already. */
    TOO_MANY_CONNECTIONS("too_many_connections"),
    /** The server has {@code waypoint.max-active-rooms} rooms in use: no room can be opened now. */
    TOO_MANY_ROOMS("too_many_rooms");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
