package dev.waypoint.access;

import dev.waypoint.message.ErrorCode;
import java.util.Objects;

/**
 * What one open connection may do, for as long as its token lasts. A token is checked when the connection opens
 * ({@link AccessPolicy#decide}); this keeps what it granted and until when, so that the connection loses it when the
 * token expires, not only the next connection: the endpoint asks {@link #expired} on every message, and one shared
 * sweeper ({@link ExpiringConnections}) asks for connections that only listen. No timer per connection.
 *
 * <p>A grant holds until the token's {@code exp} plus the clock skew tolerated at connect
 * ({@link AccessPolicy#clockSkew()}), so a token admitted within that tolerance is not cut at once.
 *
 * <p>A client may {@link #renew} its token on the open connection (protocol version 2, {@code {"type":"token"}}), so
 * that a portal refreshes short-lived tokens without reconnecting. The fresh token is checked exactly as at connect,
 * for this connection's room; it must be for the same person (the same {@code name} and {@code sub}, both possibly
 * absent), since the name a token sets is the connection's fixed display name; its access (view or edit) and expiry
 * replace the old ones. A renewal that is refused changes nothing: the old grant holds until it expires. A connection
 * that presented no token (an open room) has nothing to renew.
 *
 * <p>Thread-safe: the connection's own frames and the sweeper read it; renewals replace its state in one write.
 */
public final class ConnectionAccess {

    /** The deadline of a connection without a token: it never expires. */
    public static final long NEVER = Long.MAX_VALUE;

    private final AccessPolicy policy;
    private final String roomId;
    private volatile State state;

    /** What the current token grants, and until when (epoch milliseconds, exp plus skew). */
    private record State(Access access, Grant grant, long deadline) {
    }

    /**
     * @param admitted the outcome of {@link AccessPolicy#decide} for this connection's room
     */
    public ConnectionAccess(AccessPolicy policy, String roomId, AccessPolicy.Admitted admitted) {
        this.policy = policy;
        this.roomId = roomId;
        this.state = state(admitted);
    }

    private State state(AccessPolicy.Admitted admitted) {
        Grant grant = admitted.grant();
        long deadline = grant == null ? NEVER : saturatedMillis(grant);
        return new State(admitted.access(), grant, deadline);
    }

    private long saturatedMillis(Grant grant) {
        try {
            return grant.expiresAt().plus(policy.clockSkew()).toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return NEVER; // an exp past the year 292 million: it does not expire in this server's life
        }
    }

    public Access access() {
        return state.access();
    }

    /** The display name the token vouches for, or null. */
    public String name() {
        Grant grant = state.grant();
        return grant == null ? null : grant.name();
    }

    /** True when the connection presented a token (and so has a deadline). */
    public boolean hasToken() {
        return state.grant() != null;
    }

    /** The epoch millisecond after which the grant no longer holds; {@link #NEVER} without a token. */
    public long deadline() {
        return state.deadline();
    }

    /** True when the token's time is over at {@code nowMillis} (epoch milliseconds). */
    public boolean expired(long nowMillis) {
        return nowMillis > state.deadline();
    }

    /**
     * Replaces the grant with what {@code token} grants, if it is valid for this connection.
     *
     * @param nowMillis now: a connection whose grant has expired already cannot renew (it is closed instead)
     * @return {@link AccessPolicy.Admitted} with the new access and grant, now this connection's; or
     *     {@link AccessPolicy.Refused} ({@code access_denied}, {@code token_expired}) and nothing changed
     */
    public AccessPolicy.Decision renew(String token, long nowMillis) {
        State current = state;
        if (current.grant() == null) {
            return new AccessPolicy.Refused(ErrorCode.ACCESS_DENIED,
                    "this connection presented no token, so it has none to renew: connect with one");
        }
        if (expired(nowMillis)) {
            return new AccessPolicy.Refused(ErrorCode.TOKEN_EXPIRED, "this connection's token has expired already");
        }
        if (token == null || token.isEmpty()) {
            return new AccessPolicy.Refused(ErrorCode.ACCESS_DENIED, "a token message needs a token");
        }
        AccessPolicy.Decision decision = policy.decide(roomId, token);
        if (!(decision instanceof AccessPolicy.Admitted admitted)) {
            return decision;
        }
        Grant fresh = admitted.grant();
        if (!Objects.equals(fresh.name(), current.grant().name())
                || !Objects.equals(fresh.subject(), current.grant().subject())) {
            return new AccessPolicy.Refused(ErrorCode.ACCESS_DENIED,
                    "the token is for someone else than this connection's (its name or sub differs): connect with it instead");
        }
        state = state(admitted);
        return admitted;
    }
}
