package dev.waypoint.message;

/**
 * Protocol version 2: {@code restoreSession} replaces the room's pins and routes with those of a saved session, as one
 * change every client receives ({@link RoomRestored}).
 */
public record RestoreSession(String sessionId, String ref) implements ClientMessage {

    public RestoreSession {
        if (sessionId == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "restoreSession needs the sessionId of a saved session");
        }
        ref = Refs.check(ref);
    }
}
