package dev.waypoint.access;

import static dev.waypoint.access.TestTokens.b64;
import static dev.waypoint.access.TestTokens.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenVerifierTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
    private static KeyPair other;
    private static Map<String, PublicKey> testKey;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        other = generator.generateKeyPair();
        testKey = VerificationKeys.rsaPublicKeys(TestTokens.read(TestTokens.PUBLIC_KEY));
    }

    private static TokenVerifier hs256Only() {
        return new TokenVerifier(VerificationKeys.secret(SECRET), Map.of(), TokenRules.DEFAULTS, Clock.systemUTC());
    }

    private static TokenVerifier both() {
        return new TokenVerifier(VerificationKeys.secret(SECRET), testKey, TokenRules.DEFAULTS, Clock.systemUTC());
    }

    private static TokenRejected rejected(TokenVerifier verifier, String token) {
        return assertThrows(TokenRejected.class, () -> verifier.verify(token));
    }

    @Test
    void hs256TokenGrantsWhatItsClaimsSay() throws Exception {
        String token = TestTokens.hs256(SECRET, claims(300, "\"room\":\"secret-1\",\"access\":\"view\",\"name\":\"Ana\",\"sub\":\"u-7\""));
        Grant grant = hs256Only().verify(token);
        assertEquals(Access.VIEW, grant.access());
        assertEquals("Ana", grant.name());
        assertEquals("u-7", grant.subject());
        assertTrue(grant.covers("secret-1"));
        assertFalse(grant.covers("secret-2"));
    }

    @Test
    void roomClaimMayBeAPatternOrSeveralOrAbsent() throws Exception {
        Grant pattern = hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"room\":\"team-*\",\"access\":\"edit\"")));
        assertTrue(pattern.covers("team-red"));
        assertFalse(pattern.covers("teams"));
        Grant several = hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"room\":[\"a\",\"b-*\"],\"access\":\"edit\"")));
        assertTrue(several.covers("a") && several.covers("b-1"));
        assertFalse(several.covers("c"));
        Grant any = hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"access\":\"edit\"")));
        assertTrue(any.covers("whatever"));
    }

    @Test
    void expiredTokenIsRejectedAsExpired() {
        TokenRejected e = rejected(hs256Only(), TestTokens.hs256(SECRET, claims(-120, "\"access\":\"edit\"")));
        assertTrue(e.expired());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void expiryAllowsTheConfiguredClockSkewAndNoMore() throws Exception {
        Instant exp = Instant.parse("2026-01-01T00:00:00Z");
        String token = TestTokens.hs256(SECRET, "{\"exp\":" + exp.getEpochSecond() + ",\"access\":\"edit\"}");
        TokenRules rules = TokenRules.DEFAULTS;
        TokenVerifier within = new TokenVerifier(VerificationKeys.secret(SECRET), Map.of(), rules,
                Clock.fixed(exp.plus(rules.clockSkew()), ZoneOffset.UTC));
        assertEquals(Access.EDIT, within.verify(token).access());
        TokenVerifier after = new TokenVerifier(VerificationKeys.secret(SECRET), Map.of(), rules,
                Clock.fixed(exp.plus(rules.clockSkew()).plusSeconds(1), ZoneOffset.UTC));
        assertTrue(rejected(after, token).expired());
    }

    @Test
    void tokenWithoutExpiryIsRejected() {
        TokenRejected e = rejected(hs256Only(), TestTokens.hs256(SECRET, "{\"access\":\"edit\"}"));
        assertFalse(e.expired());
        assertTrue(e.getMessage().contains("exp"), e.getMessage());
    }

    @Test
    void tokenNotYetValidIsRejected() {
        long nbf = System.currentTimeMillis() / 1000 + 3600;
        assertFalse(rejected(hs256Only(), TestTokens.hs256(SECRET, claims(7200, "\"nbf\":" + nbf + ",\"access\":\"edit\""))).expired());
    }

    @Test
    void badSignatureIsRejected() {
        String token = TestTokens.hs256("another-secret-that-is-also-32-bytes-long", claims(60, "\"access\":\"edit\""));
        assertTrue(rejected(hs256Only(), token).getMessage().contains("signature"));
    }

    @Test
    void changedPayloadBreaksTheSignature() {
        String token = TestTokens.hs256(SECRET, claims(60, "\"access\":\"view\""));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + b64(claims(60, "\"access\":\"edit\"")) + "." + parts[2];
        assertTrue(rejected(hs256Only(), forged).getMessage().contains("signature"));
    }

    @Test
    void algNoneIsRejected() {
        String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(60, "\"access\":\"edit\"")) + ".";
        assertTrue(rejected(both(), unsigned).getMessage().contains("\"none\" is not accepted"));
        String noAlg = b64("{\"typ\":\"JWT\"}") + "." + b64(claims(60, "\"access\":\"edit\"")) + ".";
        assertTrue(rejected(both(), noAlg).getMessage().contains("missing"));
    }

    @Test
    void otherAlgorithmsAreRejected() {
        String hs512 = TestTokens.hs256(SECRET, "{\"alg\":\"HS512\"}", claims(60, "\"access\":\"edit\""));
        assertTrue(rejected(both(), hs512).getMessage().contains("HS512"));
    }

    @Test
    void rs256PublicKeyUsedAsAnHmacSecretIsRejected() throws Exception {
        // Algorithm confusion: a forger who knows the public key signs HS256 with it. The HS256 key is only ever the
        // configured secret, and without one HS256 is refused outright.
        String publicPem = TestTokens.read(TestTokens.PUBLIC_KEY);
        TokenVerifier rsaOnly = new TokenVerifier(null, testKey, TokenRules.DEFAULTS, Clock.systemUTC());
        String forged = TestTokens.hs256(publicPem, claims(60, "\"access\":\"edit\""));
        assertTrue(rejected(rsaOnly, forged).getMessage().contains("HS256 tokens are not accepted"));
        assertTrue(rejected(both(), forged).getMessage().contains("signature"));
    }

    @Test
    void critHeaderIsRejected() {
        String token = TestTokens.hs256(SECRET, "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", claims(60, "\"access\":\"edit\""));
        assertTrue(rejected(hs256Only(), token).getMessage().contains("crit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "!!!.e30.", "e30.!!!.", "WzFd.e30.", ".e30.", "e30..x"})
    void malformedTokensAreRejected(String token) {
        assertFalse(rejected(both(), token).expired());
    }

    @Test
    void overlongTokenIsRejectedUnread() {
        assertTrue(rejected(both(), "x".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1)).getMessage().contains("longer"));
    }

    @Test
    void wrongTypesOfClaimsAreRejected() {
        assertThrows(TokenRejected.class, () -> hs256Only().verify(TestTokens.hs256(SECRET, "{\"exp\":\"tomorrow\",\"access\":\"edit\"}")));
        assertThrows(TokenRejected.class, () -> hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"access\":\"admin\""))));
        assertThrows(TokenRejected.class, () -> hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"access\":\"edit\",\"room\":5"))));
        assertThrows(TokenRejected.class, () -> hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"access\":\"edit\",\"room\":[1]"))));
    }

    @Test
    void rs256TokenIsVerifiedWithThePublicKey() throws Exception {
        String token = TestTokens.rs256(TestTokens.privateKey(), null, claims(60, "\"room\":\"r\",\"access\":\"edit\""));
        assertEquals(Access.EDIT, both().verify(token).access());
        String forged = TestTokens.rs256(other.getPrivate(), null, claims(60, "\"room\":\"r\",\"access\":\"edit\""));
        assertTrue(rejected(both(), forged).getMessage().contains("signature"));
        TokenVerifier hsOnly = hs256Only();
        assertTrue(rejected(hsOnly, token).getMessage().contains("RS256 tokens are not accepted"));
    }

    @Test
    void keyIdSelectsTheKeyOfAKeySet() throws Exception {
        RSAPublicKey a = (RSAPublicKey) testKey.values().iterator().next();
        RSAPublicKey b = (RSAPublicKey) other.getPublic();
        String jwks = "{\"keys\":[" + jwk("k1", a) + "," + jwk("k2", b) + ",{\"kty\":\"EC\",\"kid\":\"ec\"}]}";
        TokenVerifier verifier = new TokenVerifier(null, VerificationKeys.rsaPublicKeys(jwks), TokenRules.DEFAULTS, Clock.systemUTC());
        String claims = claims(60, "\"access\":\"edit\"");
        assertEquals(Access.EDIT, verifier.verify(TestTokens.rs256(TestTokens.privateKey(), "k1", claims)).access());
        assertEquals(Access.EDIT, verifier.verify(TestTokens.rs256(other.getPrivate(), "k2", claims)).access());
        assertThrows(TokenRejected.class, () -> verifier.verify(TestTokens.rs256(TestTokens.privateKey(), "k2", claims)));
        assertTrue(rejected(verifier, TestTokens.rs256(TestTokens.privateKey(), "k9", claims)).getMessage().contains("k9"));
        // Without a kid every key is tried.
        assertEquals(Access.EDIT, verifier.verify(TestTokens.rs256(other.getPrivate(), null, claims)).access());
    }

    private static String jwk(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + b64(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\"" + b64(key.getPublicExponent().toByteArray()) + "\"}";
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement[0] == 0 ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }

    @Test
    void oidcTokenWithoutAccessClaimIsMappedFromGroupsOrScope() throws Exception {
        TokenVerifier verifier = both();
        String groups = TestTokens.rs256(TestTokens.privateKey(), null,
                claims(60, "\"iss\":\"https://idp\",\"groups\":[\"staff\",\"waypoint.edit\"],\"preferred_username\":\"ana\""));
        Grant grant = verifier.verify(groups);
        assertEquals(Access.EDIT, grant.access());
        assertEquals("ana", grant.name());
        assertTrue(grant.covers("any-room"));
        String scope = TestTokens.rs256(TestTokens.privateKey(), null, claims(60, "\"scope\":\"openid waypoint.view\""));
        assertEquals(Access.VIEW, verifier.verify(scope).access());
        String nothing = TestTokens.rs256(TestTokens.privateKey(), null, claims(60, "\"scope\":\"openid\",\"groups\":[\"staff\"]"));
        assertTrue(rejected(verifier, nothing).getMessage().contains("grants no access"));
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
        TokenRules rules = new TokenRules("https://idp.example", "waypoint", "waypoint.edit", "waypoint.view", Duration.ZERO);
        TokenVerifier verifier = new TokenVerifier(VerificationKeys.secret(SECRET), Map.of(), rules, Clock.systemUTC());
        assertEquals(Access.EDIT, verifier.verify(TestTokens.hs256(SECRET,
                claims(60, "\"iss\":\"https://idp.example\",\"aud\":[\"other\",\"waypoint\"],\"access\":\"edit\""))).access());
        assertTrue(rejected(verifier, TestTokens.hs256(SECRET,
                claims(60, "\"iss\":\"https://evil.example\",\"aud\":\"waypoint\",\"access\":\"edit\""))).getMessage().contains("issuer"));
        assertTrue(rejected(verifier, TestTokens.hs256(SECRET,
                claims(60, "\"iss\":\"https://idp.example\",\"aud\":\"other\",\"access\":\"edit\""))).getMessage().contains("audience"));
        assertThrows(TokenRejected.class, () -> verifier.verify(TestTokens.hs256(SECRET, claims(60, "\"access\":\"edit\""))));
    }

    @Test
    void longNamesAreCutToTheRoomsLimitAndBlankOnesIgnored() throws Exception {
        Grant grant = hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"access\":\"edit\",\"name\":\"" + "n".repeat(60) + "\"")));
        assertEquals(TokenVerifier.MAX_NAME_LENGTH, grant.name().length());
        assertNull(hs256Only().verify(TestTokens.hs256(SECRET, claims(60, "\"access\":\"edit\",\"name\":\"  \""))).name());
    }
}
