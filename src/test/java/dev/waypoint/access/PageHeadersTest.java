package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageHeadersTest {

    private static String csp(PageHeaders headers, String host) {
        return headers.headers(host).get("Content-Security-Policy");
    }

    @Test
    void defaultsAllowOnlyOwnFilesAndFramingByOwnPages() {
        Map<String, String> headers = new PageHeaders("'self'", null, "map/style.json").headers("localhost:8080");
        assertEquals("default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self'; "
                + "img-src 'self' data: blob:; font-src 'self'; connect-src 'self' ws://localhost:8080 wss://localhost:8080; "
                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
                headers.get("Content-Security-Policy"));
        assertEquals("nosniff", headers.get("X-Content-Type-Options"));
        assertEquals("strict-origin-when-cross-origin", headers.get("Referrer-Policy"));
        assertEquals("SAMEORIGIN", headers.get("X-Frame-Options"));
        assertFalse(headers.get("Content-Security-Policy").contains("unsafe"));
    }

    @Test
    void portalsWithPortWildcardsMayFrameThePage() {
        PageHeaders headers = new PageHeaders("http://localhost:*", null, "map/style.json");
        assertTrue(csp(headers, "127.0.0.1:9").endsWith("frame-ancestors 'self' http://localhost:*"),
                "Waypoint's own pages may still frame each other (the example page frames embed.html)");
        assertNull(headers.headers("x").get("X-Frame-Options"), "X-Frame-Options cannot name other origins");
        PageHeaders several = new PageHeaders("self, https://portal.example.com https://*.intranet.example", null, null);
        assertEquals("'self' https://portal.example.com https://*.intranet.example", several.frameAncestors());
    }

    @Test
    void noneForbidsFraming() {
        PageHeaders headers = new PageHeaders("'none'", null, null);
        assertEquals("DENY", headers.headers(null).get("X-Frame-Options"));
        assertThrows(IllegalArgumentException.class, () -> new PageHeaders("'none' https://a.example", null, null));
    }

    @Test
    void blankFrameAncestorsMeanOwnPages() {
        assertEquals("'self'", new PageHeaders(" ", null, null).frameAncestors());
    }

    @Test
    void anAbsoluteStyleUrlAndMapSourcesMayBeFetched() {
        String policy = csp(new PageHeaders("'self'", "https://tiles.example.com", "https://styles.example.com:8443/v1/style.json?key=1"), "maps");
        assertTrue(policy.contains("connect-src 'self' ws://maps wss://maps https://styles.example.com:8443 https://tiles.example.com;"), policy);
        assertTrue(policy.contains("img-src 'self' data: blob: https://styles.example.com:8443 https://tiles.example.com;"), policy);
    }

    @Test
    void sourcesAreKeptAsGivenAndKeywordsWithoutQuotesAreUnderstood() {
        assertEquals("'self' https://Portal.Example.com/Maps/", new PageHeaders("SELF https://Portal.Example.com/Maps/", null, null).frameAncestors());
        assertEquals("'none'", new PageHeaders("none", null, null).frameAncestors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example; script-src *", "host:80\r\nX-Injected: 1", "a b", "<x>"})
    void aStrangeHostIsLeftOutOfThePolicy(String host) {
        String policy = csp(new PageHeaders("'self'", null, null), host);
        assertTrue(policy.contains("connect-src 'self'; "), policy);
        assertFalse(policy.contains("evil") || policy.contains("Injected"), policy);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://a.example; script-src *", "'unsafe-inline'", "javascript:", "https://a.example/'x"})
    void configuredSourcesCannotWidenThePolicy(String source) {
        assertThrows(IllegalArgumentException.class, () -> new PageHeaders(source, null, null));
        assertThrows(IllegalArgumentException.class, () -> new PageHeaders("'self'", source, null));
    }
}
