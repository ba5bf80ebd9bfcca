package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationKeysTest {

    @Test
    void secretsShorterThan256BitsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerificationKeys.secret("short"));
        assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        assertEquals(32, VerificationKeys.secret("x".repeat(32)).length);
    }

    @Test
    void publicKeyIsReadFromPemBase64AndCertificate() {
        PublicKey fromPem = only(VerificationKeys.rsaPublicKeys(TestTokens.read(TestTokens.PUBLIC_KEY)));
        String base64 = Base64.getEncoder().encodeToString(fromPem.getEncoded());
        assertEquals(fromPem, only(VerificationKeys.rsaPublicKeys(base64)));
        assertEquals(fromPem, only(VerificationKeys.rsaPublicKeys(TestTokens.read(TestTokens.CERTIFICATE))));
    }

    @Test
    void shortRsaKeysAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String weak = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VerificationKeys.rsaPublicKeys(weak))
                .getMessage().contains("2048"));
    }

    @Test
    void garbageAndKeySetsWithoutSigningKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VerificationKeys.rsaPublicKeys("not a key"));
        assertThrows(IllegalArgumentException.class, () -> VerificationKeys.rsaPublicKeys("{\"keys\":[{\"kty\":\"EC\"}]}"));
        assertThrows(IllegalArgumentException.class,
                () -> VerificationKeys.rsaPublicKeys("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}"));
    }

    private static PublicKey only(Map<String, PublicKey> keys) {
        assertEquals(1, keys.size());
        return keys.get(VerificationKeys.NO_KEY_ID);
    }
}
