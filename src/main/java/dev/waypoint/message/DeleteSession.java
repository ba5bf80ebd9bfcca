package dev.waypoint.message;

/** Protocol version 2: {@code deleteSession} deletes a saved session; the room itself does not change. */
public record DeleteSession(String sessionId, String ref) implements ClientMessage {

    public DeleteSession {
        if (sessionId == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "deleteSession needs the sessionId of a saved session");
        }
        ref = Refs.check(ref);
    }
}
