package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.access.OriginPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the handshake hands to the endpoint, with and without {@link HandshakeFilter} in front. */
class HandshakeConfiguratorTest {

    private static final OriginPolicy OWN_PAGES = OriginPolicy.of(null, false);

    @Test
    void behindTheFilterTheOriginWasCheckedAlreadyAndTheAddressIsKnown() {
        Handshake handshake = HandshakeConfigurator.handshake(
                Map.of("Origin", List.of("https://evil.example"), "Host", List.of("maps.example.com")), "203.0.113.9",
                () -> { throw new AssertionError("the policy is not consulted again"); });
        assertFalse(handshake.originRefused());
        assertEquals("203.0.113.9", handshake.clientAddress());
    }

    @Test
    void withoutTheFilterAForeignOriginIsMarkedForTheEndpointToRefuse() {
        Handshake foreign = HandshakeConfigurator.handshake(
                Map.of("origin", List.of("https://evil.example"), "host", List.of("maps.example.com")), null, () -> OWN_PAGES);
        assertTrue(foreign.originRefused());
        assertNull(foreign.clientAddress());
        Handshake own = HandshakeConfigurator.handshake(
                Map.of("Origin", List.of("https://maps.example.com"), "Host", List.of("maps.example.com")), null, () -> OWN_PAGES);
        assertFalse(own.originRefused());
    }

    @Test
    void aBearerTokenIsTakenFromTheAuthorizationHeader() {
        assertEquals("abc.def.ghi", HandshakeConfigurator.handshake(
                Map.of("authorization", List.of("Bearer abc.def.ghi")), "a", () -> OWN_PAGES).bearerToken());
        assertNull(HandshakeConfigurator.handshake(Map.of("Authorization", List.of("Basic dTpw")), "a", () -> OWN_PAGES).bearerToken());
        assertNull(HandshakeConfigurator.handshake(Map.of("Authorization", List.of("Bearer ")), "a", () -> OWN_PAGES).bearerToken());
        assertNull(HandshakeConfigurator.handshake(Map.of(), "a", () -> OWN_PAGES).bearerToken());
    }
}
