package dev.waypoint.access;

import dev.waypoint.message.ErrorCode;
import java.util.List;

/**
 * Who may enter a room, and with what access. Rooms are open (anyone may edit) unless they match one of the
 * protected patterns; a protected room needs a token that grants view or edit for it.
 *
 * <p>A token presented for an open room is checked too, and its grant applies there: a portal that hands out a
 * view token means view, and an expired or broken token must not silently turn into more access than it gave. So a
 * token that is presented is never ignored: it is valid, or the connection is refused.
 */
public final class AccessPolicy {

    /** The query parameter that carries a token: browsers can set no header on a WebSocket. */
    public static final String TOKEN_PARAMETER = "token";

    private final List<RoomPattern> protectedRooms;
    private final TokenVerifier verifier;

    public AccessPolicy(List<RoomPattern> protectedRooms, TokenVerifier verifier) {
        this.protectedRooms = List.copyOf(protectedRooms);
        this.verifier = verifier;
    }

    /** The outcome for one connection. */
    public sealed interface Decision {
    }

    /**
     * Let in, with {@code access}.
     *
     * @param grant the verified token's grant, or null when no token was presented (an open room)
     */
    public record Admitted(Access access, Grant grant) implements Decision {
    }

    /** Refused: {@code code} ({@code access_denied} or {@code token_expired}) and why, for the client. */
    public record Refused(ErrorCode code, String message) implements Decision {
    }

    public boolean isProtected(String roomId) {
        return RoomPattern.anyMatches(protectedRooms, roomId);
    }

    public List<RoomPattern> protectedRooms() {
        return protectedRooms;
    }

    /** The tolerance on a token's {@code exp}: a grant holds until {@code exp} plus this. */
    public java.time.Duration clockSkew() {
        return verifier.clockSkew();
    }

    /**
     * @param token the token the connection presented, or null (an empty one counts as none)
     */
    public Decision decide(String roomId, String token) {
        if (token == null || token.isEmpty()) {
            return isProtected(roomId)
                    ? new Refused(ErrorCode.ACCESS_DENIED, "room \"" + roomId + "\" needs a token (the "
                            + TOKEN_PARAMETER + " parameter of the connection's URL)")
                    : new Admitted(Access.EDIT, null);
        }
        if (!verifier.hasKeys()) {
            return new Refused(ErrorCode.ACCESS_DENIED, "this server accepts no tokens: no key is configured to check them");
        }
        Grant grant;
        try {
            grant = verifier.verify(token);
        } catch (TokenRejected rejected) {
            return new Refused(rejected.expired() ? ErrorCode.TOKEN_EXPIRED : ErrorCode.ACCESS_DENIED, rejected.getMessage());
        }
        if (!grant.covers(roomId)) {
            return new Refused(ErrorCode.ACCESS_DENIED, "the token is not for room \"" + roomId + "\"");
        }
        return new Admitted(grant.access(), grant);
    }
}
