package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy ownPagesOnly = OriginPolicy.of(null, false);

    @ParameterizedTest
    @CsvSource({
        "http://localhost:8080,       localhost:8080",
        "HTTP://LocalHost:8080,       localhost:8080",
        "https://maps.example.com,    maps.example.com",
        "https://maps.example.com,    maps.example.com:443",
        "http://maps.example.com,     maps.example.com",
        "http://127.0.0.1:19001,      127.0.0.1:19001",
        "http://[::1]:8080,           [::1]:8080",
        // A TLS-terminating proxy: https page, the app addressed under the same name (scheme not compared)
        "https://maps.example.com:8443, maps.example.com:8443",
    })
    void theServersOwnPagesAreAllowed(String origin, String host) {
        assertTrue(ownPagesOnly.permits(origin, host));
    }

    @ParameterizedTest
    @CsvSource({
        "https://evil.example,        maps.example.com",
        "http://localhost:8081,       localhost:8080",
        "http://localhost,            localhost:8080",
        "https://maps.example.com,    maps.example.com:80",
        "https://maps.example.com.evil.example, maps.example.com",
        "null,                        localhost:8080",
        "file://,                     localhost:8080",
        "not an origin,               localhost:8080",
        "http://localhost:8080,       ''",
    })
    void foreignOriginsAreRefusedByDefault(String origin, String host) {
        assertFalse(ownPagesOnly.permits(origin, host.isEmpty() ? null : host));
    }

    @Test
    void noOriginIsAProgramAndAllowedUnlessRequired() {
        assertTrue(ownPagesOnly.permits(null, "localhost:8080"));
        assertTrue(ownPagesOnly.permits("", "localhost:8080"));
        assertFalse(OriginPolicy.of(null, true).permits(null, "localhost:8080"));
        assertTrue(OriginPolicy.of(null, true).permits("http://localhost:8080", "localhost:8080"));
    }

    @Test
    void portWildcardAllowsEveryPortOfThatSchemeAndHost() {
        OriginPolicy policy = OriginPolicy.of("http://localhost:*", false);
        assertTrue(policy.permits("http://localhost:3000", "127.0.0.1:8080"));
        assertTrue(policy.permits("http://localhost", "127.0.0.1:8080"));
        assertFalse(policy.permits("https://localhost:3000", "127.0.0.1:8080"));
        assertFalse(policy.permits("http://127.0.0.1:3000", "127.0.0.1:8080"));
        assertFalse(policy.permits("http://localhost.evil.example:3000", "127.0.0.1:8080"));
    }

    @Test
    void entriesWithoutPortMeanTheDefaultPort() {
        OriginPolicy policy = OriginPolicy.of("https://portal.example.com, http://intranet", false);
        assertTrue(policy.permits("https://portal.example.com", "maps.example.com"));
        assertTrue(policy.permits("https://portal.example.com:443", "maps.example.com"));
        assertFalse(policy.permits("https://portal.example.com:8443", "maps.example.com"));
        assertFalse(policy.permits("http://portal.example.com", "maps.example.com"));
        assertTrue(policy.permits("http://intranet", "maps.example.com"));
    }

    @Test
    void subdomainWildcardAllowsSubdomainsOnly() {
        OriginPolicy policy = OriginPolicy.of("https://*.example.com", false);
        assertTrue(policy.permits("https://a.example.com", "maps.other"));
        assertTrue(policy.permits("https://a.b.example.com", "maps.other"));
        assertFalse(policy.permits("https://example.com", "maps.other"));
        assertFalse(policy.permits("https://evilexample.com", "maps.other"));
    }

    @Test
    void starAllowsAnyOriginEvenNull() {
        OriginPolicy any = OriginPolicy.of(" * ", false);
        assertTrue(any.permits("https://evil.example", "maps.example.com"));
        assertTrue(any.permits("null", "maps.example.com"));
    }

    @Test
    void blankEntriesAndTrailingSlashesAreTolerated() {
        OriginPolicy policy = OriginPolicy.of(" https://portal.example.com/ ,, ", false);
        assertTrue(policy.permits("https://portal.example.com", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"portal.example.com", "https://portal.example.com/path", "https://*", "https://a:99999x",
        "https://a;b", "'self'"})
    void malformedEntriesAreRefusedWithTheirText(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OriginPolicy.of(entry, false));
        assertTrue(e.getMessage().contains(entry), e.getMessage());
    }
}
