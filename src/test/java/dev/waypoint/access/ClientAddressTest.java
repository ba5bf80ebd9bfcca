package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverItClaims() {
        ClientAddress addresses = new ClientAddress(null);
        assertEquals("203.0.113.9", addresses.of("203.0.113.9", "198.51.100.1"));
        assertEquals("::1", addresses.of("[::1]", null));
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddress addresses = new ClientAddress("10.0.0.1, 10.0.0.2");
        assertEquals("198.51.100.7", addresses.of("10.0.0.1", "198.51.100.7"));
        // The client claimed to be 1.2.3.4; its own address was appended by the proxies after that claim.
        assertEquals("198.51.100.7", addresses.of("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2"));
        assertEquals("10.0.0.1", addresses.of("10.0.0.1", null));
        assertEquals("10.0.0.2", addresses.of("10.0.0.1", "10.0.0.2"));
        assertEquals("198.51.100.7", addresses.of("10.0.0.1", " , 198.51.100.7 ,"));
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        ClientAddress addresses = new ClientAddress("10.0.0.1");
        assertEquals("203.0.113.9", addresses.of("203.0.113.9", "10.0.0.1"));
    }
}
