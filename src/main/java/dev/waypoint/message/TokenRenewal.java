package dev.waypoint.message;

/**
 * Protocol version 2: {@code {"type":"token","token":"eyJ...","ref":"t1"}} gives an open connection a fresh token
 * before its current one expires, so that a portal refreshes short-lived tokens without reconnecting. Answered with
 * {@link AccessInfo} (naming the {@code ref}) when the token is accepted, or an {@code error} ({@code access_denied},
 * {@code token_expired}) when it is not, in which case the connection keeps its current token until that expires.
 * The rules are {@link dev.waypoint.access.ConnectionAccess#renew}'s. A version 1 client cannot send it
 * ({@code unknown_type}).
 */
public record TokenRenewal(String token, String ref) implements ClientMessage {

    public TokenRenewal {
        ref = Refs.check(ref);
    }

    @Override
    public String toString() {
        return "TokenRenewal[ref=" + ref + "]"; // never the token itself, in logs
    }
}
