package dev.waypoint.access;

import static dev.waypoint.access.TestTokens.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.ErrorCode;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final String SECRET = "the-policy-test-secret-is-32-bytes-or-more";
    private final AccessPolicy policy = new AccessPolicy(RoomPattern.list("secret-*, board"),
            new TokenVerifier(VerificationKeys.secret(SECRET), Map.of(), TokenRules.DEFAULTS, Clock.systemUTC()));

    private static String token(String members) {
        return TestTokens.hs256(SECRET, claims(300, members));
    }

    @Test
    void openRoomsNeedNoTokenAndGiveEdit() {
        AccessPolicy.Admitted admitted = assertInstanceOf(AccessPolicy.Admitted.class, policy.decide("lobby", null));
        assertEquals(Access.EDIT, admitted.access());
        assertNull(admitted.grant());
        assertInstanceOf(AccessPolicy.Admitted.class, policy.decide("lobby", ""));
    }

    @Test
    void protectedRoomWithoutTokenIsRefused() {
        AccessPolicy.Refused refused = assertInstanceOf(AccessPolicy.Refused.class, policy.decide("secret-1", null));
        assertEquals(ErrorCode.ACCESS_DENIED, refused.code());
        assertTrue(refused.message().contains("needs a token"), refused.message());
        assertInstanceOf(AccessPolicy.Refused.class, policy.decide("board", null));
    }

    @Test
    void tokenForTheRoomAdmitsWithItsAccess() {
        AccessPolicy.Admitted view = assertInstanceOf(AccessPolicy.Admitted.class,
                policy.decide("secret-1", token("\"room\":\"secret-1\",\"access\":\"view\",\"name\":\"Ana\"")));
        assertEquals(Access.VIEW, view.access());
        assertEquals("Ana", view.grant().name());
        AccessPolicy.Admitted edit = assertInstanceOf(AccessPolicy.Admitted.class,
                policy.decide("secret-9", token("\"room\":\"secret-*\",\"access\":\"edit\"")));
        assertEquals(Access.EDIT, edit.access());
    }

    @Test
    void tokenForAnotherRoomIsRefused() {
        AccessPolicy.Refused refused = assertInstanceOf(AccessPolicy.Refused.class,
                policy.decide("secret-2", token("\"room\":\"secret-1\",\"access\":\"edit\"")));
        assertEquals(ErrorCode.ACCESS_DENIED, refused.code());
        assertTrue(refused.message().contains("not for room \"secret-2\""), refused.message());
    }

    @Test
    void expiredTokenIsRefusedAsExpired() {
        AccessPolicy.Refused refused = assertInstanceOf(AccessPolicy.Refused.class,
                policy.decide("secret-1", TestTokens.hs256(SECRET, claims(-3600, "\"room\":\"secret-1\",\"access\":\"edit\""))));
        assertEquals(ErrorCode.TOKEN_EXPIRED, refused.code());
    }

    @Test
    void aPresentedTokenCountsInOpenRoomsToo() {
        // A view token must not turn into edit access because the room happens to be open...
        AccessPolicy.Admitted view = assertInstanceOf(AccessPolicy.Admitted.class,
                policy.decide("lobby", token("\"room\":\"lobby\",\"access\":\"view\"")));
        assertEquals(Access.VIEW, view.access());
        // ...and a broken one is not silently ignored.
        assertInstanceOf(AccessPolicy.Refused.class, policy.decide("lobby", "not-a-token"));
        assertInstanceOf(AccessPolicy.Refused.class, policy.decide("lobby", token("\"room\":\"elsewhere\",\"access\":\"edit\"")));
    }

    @Test
    void withoutKeysEveryTokenIsRefused() {
        AccessPolicy keyless = new AccessPolicy(RoomPattern.list("*"),
                new TokenVerifier(null, Map.of(), TokenRules.DEFAULTS, Clock.systemUTC()));
        AccessPolicy.Refused refused = assertInstanceOf(AccessPolicy.Refused.class, keyless.decide("any", token("\"access\":\"edit\"")));
        assertTrue(refused.message().contains("no key"), refused.message());
        assertInstanceOf(AccessPolicy.Refused.class, keyless.decide("any", null));
    }
}
