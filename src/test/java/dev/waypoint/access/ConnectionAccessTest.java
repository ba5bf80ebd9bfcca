package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A connection keeps what its token granted until the token expires, on a clock the test moves. */
class ConnectionAccessTest {

    private static final String SECRET = "the-connection-access-test-secret-0123456789";
    private static final long T0 = 1_800_000_000L; // seconds: the clock's start
    private static final Duration SKEW = Duration.ofSeconds(5);

    /** A clock that stands still until the test moves it. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.ofEpochSecond(T0);

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final TestClock clock = new TestClock();
    private final AccessPolicy policy = new AccessPolicy(RoomPattern.list("secret-*"),
            new TokenVerifier(VerificationKeys.secret(SECRET), Map.of(),
                    new TokenRules(null, null, "waypoint.edit", "waypoint.view", SKEW), clock));

    /** A token that expires {@code seconds} after the clock's start, with extra claims. */
    private static String token(long seconds, String members) {
        return TestTokens.hs256(SECRET, "{\"exp\":" + (T0 + seconds) + (members.isEmpty() ? "" : "," + members) + "}");
    }

    private ConnectionAccess connect(String room, String token) {
        return new ConnectionAccess(policy, room, assertInstanceOf(AccessPolicy.Admitted.class, policy.decide(room, token)));
    }

    private long now() {
        return clock.millis();
    }

    @Test
    void aTokenHoldsUntilItsExpiryPlusTheClockSkewThenNoLonger() {
        ConnectionAccess access = connect("secret-1", token(60, "\"room\":\"secret-1\",\"access\":\"edit\",\"name\":\"Ana\""));
        assertTrue(access.hasToken());
        assertEquals(Access.EDIT, access.access());
        assertEquals("Ana", access.name());
        assertEquals((T0 + 60 + SKEW.toSeconds()) * 1000, access.deadline());
        assertFalse(access.expired(now()));
        clock.advance(Duration.ofSeconds(60 + SKEW.toSeconds()));
        assertFalse(access.expired(now()), "the last millisecond of the tolerance still holds");
        clock.advance(Duration.ofMillis(1));
        assertTrue(access.expired(now()));
    }

    @Test
    void aConnectionWithoutATokenNeverExpiresAndHasNothingToRenew() {
        ConnectionAccess access = connect("lobby", null);
        assertFalse(access.hasToken());
        assertEquals(ConnectionAccess.NEVER, access.deadline());
        clock.advance(Duration.ofDays(3650));
        assertFalse(access.expired(now()));
        AccessPolicy.Refused refused = assertInstanceOf(AccessPolicy.Refused.class,
                access.renew(token(600, "\"access\":\"view\""), now()));
        assertEquals(ErrorCode.ACCESS_DENIED, refused.code());
        assertEquals(Access.EDIT, access.access(), "nothing changed");
    }

    @Test
    void aFreshTokenMovesTheDeadlineAndMayChangeTheAccess() {
        ConnectionAccess access = connect("secret-1", token(60, "\"room\":\"secret-1\",\"access\":\"view\",\"name\":\"Ana\""));
        clock.advance(Duration.ofSeconds(50));
        AccessPolicy.Admitted renewed = assertInstanceOf(AccessPolicy.Admitted.class,
                access.renew(token(50 + 600, "\"room\":\"secret-*\",\"access\":\"edit\",\"name\":\"Ana\""), now()));
        assertEquals(Access.EDIT, renewed.access());
        assertEquals(Access.EDIT, access.access());
        assertEquals((T0 + 650 + SKEW.toSeconds()) * 1000, access.deadline());
        clock.advance(Duration.ofSeconds(60)); // past the first token's deadline
        assertFalse(access.expired(now()));
        clock.advance(Duration.ofSeconds(600));
        assertTrue(access.expired(now()));
    }

    @Test
    void aRefusedRenewalChangesNothing() {
        ConnectionAccess access = connect("secret-1", token(60, "\"room\":\"secret-1\",\"access\":\"view\",\"name\":\"Ana\",\"sub\":\"u-1\""));
        long deadline = access.deadline();
        String[][] refusals = {
            {token(600, "\"room\":\"secret-2\",\"access\":\"edit\",\"name\":\"Ana\",\"sub\":\"u-1\""), "access_denied"}, // another room
            {TestTokens.hs256("another-secret-of-just-the-same-length-00000", "{\"exp\":" + (T0 + 600)
                    + ",\"room\":\"secret-1\",\"access\":\"edit\",\"name\":\"Ana\",\"sub\":\"u-1\"}"), "access_denied"}, // signature
            {token(-600, "\"room\":\"secret-1\",\"access\":\"edit\",\"name\":\"Ana\",\"sub\":\"u-1\""), "token_expired"}, // expired
            {token(600, "\"room\":\"secret-1\",\"access\":\"edit\",\"name\":\"Bob\",\"sub\":\"u-1\""), "access_denied"}, // someone else
            {token(600, "\"room\":\"secret-1\",\"access\":\"edit\",\"name\":\"Ana\",\"sub\":\"u-2\""), "access_denied"}, // someone else
            {token(600, "\"room\":\"secret-1\",\"access\":\"edit\",\"name\":\"Ana\""), "access_denied"},                 // no sub now
            {"", "access_denied"},
            {null, "access_denied"},
            {"garbage", "access_denied"},
        };
        for (String[] refusal : refusals) {
            AccessPolicy.Refused refused = assertInstanceOf(AccessPolicy.Refused.class, access.renew(refusal[0], now()),
                    String.valueOf(refusal[0]));
            assertEquals(refusal[1], refused.code().wireName(), refused.message());
            assertFalse(refused.message().isBlank());
            assertEquals(Access.VIEW, access.access());
            assertEquals(deadline, access.deadline());
        }
    }

    @Test
    void anExpiredConnectionCannotRenewItself() {
        ConnectionAccess access = connect("secret-1", token(60, "\"room\":\"secret-1\",\"access\":\"edit\""));
        clock.advance(Duration.ofSeconds(60 + SKEW.toSeconds() + 1));
        AccessPolicy.Refused refused = assertInstanceOf(AccessPolicy.Refused.class,
                access.renew(token(60 + 600, "\"room\":\"secret-1\",\"access\":\"edit\""), now()));
        assertEquals(ErrorCode.TOKEN_EXPIRED, refused.code());
        assertTrue(access.expired(now()));
    }

    @Test
    void aTokenInAnOpenRoomExpiresToo() {
        // A presented token counts in open rooms (a view token must not turn into edit), and so does its end.
        ConnectionAccess access = connect("lobby", token(60, "\"access\":\"view\""));
        assertEquals(Access.VIEW, access.access());
        assertNull(access.name());
        clock.advance(Duration.ofSeconds(60 + SKEW.toSeconds() + 1));
        assertTrue(access.expired(now()));
    }
}
