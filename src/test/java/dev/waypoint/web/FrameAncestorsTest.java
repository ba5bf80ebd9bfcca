package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAncestorsTest {

    @Test
    void unsetOrBlankMeansOwnOriginOnly() {
        assertEquals(List.of("'self'"), FrameAncestors.parse(null).patterns());
        assertEquals(List.of("'self'"), FrameAncestors.parse("  ").patterns());
        assertTrue(FrameAncestors.parse(null).rejected().isEmpty());
    }

    @Test
    void listSeparatedBySpacesOrCommasIsNormalised() {
        FrameAncestors parsed = FrameAncestors.parse(
                "'self' HTTPS://Portal.Example.com, http://localhost:*,https://*.intranet.example:8443  http://[::1]:9000/");
        assertEquals(List.of("'self'", "https://portal.example.com", "http://localhost:*", "https://*.intranet.example:8443",
                "http://[::1]:9000"), parsed.patterns());
        assertTrue(parsed.rejected().isEmpty(), parsed.rejected().toString());
    }

    @Test
    void selfWithoutQuotesAndAnyAreKept() {
        assertEquals(List.of("'self'", "*"), FrameAncestors.parse("self *").patterns());
    }

    @Test
    void duplicatesAreKeptOnce() {
        assertEquals(List.of("http://localhost:*"), FrameAncestors.parse("http://localhost:* HTTP://LOCALHOST:*").patterns());
    }

    @Test
    void entriesThatAreNotOriginsAreRejectedNotWidened() {
        FrameAncestors parsed = FrameAncestors.parse(
                "portal.example https://portal.example/path https://portal.example:99999 'none' https://*"
                        + " javascript:alert(1) https://portal.example:8x http://localhost:80");
        assertEquals(List.of("http://localhost:80"), parsed.patterns());
        assertEquals(List.of("portal.example", "https://portal.example/path", "https://portal.example:99999", "'none'",
                "https://*", "javascript:alert(1)", "https://portal.example:8x"), parsed.rejected());
    }

    @Test
    void normaliseTellsOneEntry() {
        assertEquals("https://a.example", FrameAncestors.normalise("https://A.example/"));
        assertNull(FrameAncestors.normalise("https://a.example:*x"));
        assertFalse(FrameAncestors.parse("https://a.example").patterns().contains("'self'"),
                "an explicit list replaces the default");
    }

    @Test
    void cspSourceAlwaysLetsWaypointFrameItself() {
        assertEquals("'self'", FrameAncestors.parse(null).cspSource());
        assertEquals("'self' http://localhost:* https://portal.example",
                FrameAncestors.parse("http://localhost:* 'self' https://portal.example").cspSource());
        assertEquals("*", FrameAncestors.parse("https://portal.example *").cspSource());
    }
}
