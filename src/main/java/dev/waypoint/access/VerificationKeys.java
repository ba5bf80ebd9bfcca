package dev.waypoint.access;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the keys tokens are checked with, from the forms operators have at hand: a shared secret for HS256, and for
 * RS256 a PEM public key or certificate, the same key as bare base64 (DER), or a JWK / JWK Set as an OIDC provider
 * publishes it (its {@code jwks_uri}). Keys too weak for their algorithm are refused (RFC 7518: at least 256 bits of
 * secret for HS256, 2048-bit RSA for RS256).
 */
public final class VerificationKeys {

    /** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash, 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    /** RFC 7518 section 3.3. */
    public static final int MIN_RSA_BITS = 2048;
    /** The name of a key without a {@code kid}. */
    public static final String NO_KEY_ID = "";

    private VerificationKeys() {
    }

    /** The HS256 secret: the text's UTF-8 bytes. */
    public static byte[] secret(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("an HS256 secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits, RFC 7518), got " + bytes.length);
        }
        return bytes;
    }

    /**
     * RSA public keys by key id ({@link #NO_KEY_ID} for a key without one), in the order given.
     *
     * @throws IllegalArgumentException when the text holds no usable RSA key, or a key that is too short
     */
    public static Map<String, PublicKey> rsaPublicKeys(String text) {
        String t = text.strip();
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            if (t.startsWith("{")) {
                JsonObject json = Json.createReader(new StringReader(t)).readObject();
                if (json.containsKey("keys")) {
                    JsonArray set = json.getJsonArray("keys");
                    for (JsonValue value : set) {
                        if (value instanceof JsonObject jwk && usableForSignatures(jwk)) {
                            keys.put(jwk.getString("kid", NO_KEY_ID), rsaKey(jwk));
                        }
                    }
                } else if (usableForSignatures(json)) {
                    keys.put(json.getString("kid", NO_KEY_ID), rsaKey(json));
                }
            } else if (t.startsWith("-----BEGIN CERTIFICATE-----")) {
                keys.put(NO_KEY_ID, CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(t.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey());
            } else {
                String base64 = t.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
                keys.put(NO_KEY_ID, KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64))));
            }
        } catch (GeneralSecurityException | JsonException | ClassCastException | NullPointerException
                 | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key (PEM, base64 DER, certificate, JWK or JWK Set): "
                    + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no RSA signing key (kty RSA, use sig or none) in the JWK Set");
        }
        for (Map.Entry<String, PublicKey> key : keys.entrySet()) {
            if (!(key.getValue() instanceof RSAPublicKey rsa)) {
                throw new IllegalArgumentException("not an RSA key: " + key.getValue().getAlgorithm());
            }
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key" + (key.getKey().isEmpty() ? "" : " " + key.getKey())
                        + " has " + rsa.getModulus().bitLength() + " bits; RS256 needs at least " + MIN_RSA_BITS);
            }
        }
        return Map.copyOf(keys);
    }

    private static boolean usableForSignatures(JsonObject jwk) {
        return "RSA".equals(jwk.getString("kty", null)) && "sig".equals(jwk.getString("use", "sig"))
                && ("RS256".equals(jwk.getString("alg", "RS256")));
    }

    private static PublicKey rsaKey(JsonObject jwk) throws GeneralSecurityException {
        Base64.Decoder url = Base64.getUrlDecoder();
        BigInteger modulus = new BigInteger(1, url.decode(jwk.getString("n")));
        BigInteger exponent = new BigInteger(1, url.decode(jwk.getString("e")));
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }
}
