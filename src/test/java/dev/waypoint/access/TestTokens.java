package dev.waypoint.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints compact JWS tokens for tests, the way a portal's JWT library would: base64url header and payload, signed
 * with HS256 or RS256. Claims are written as JSON text so tests can also mint malformed ones.
 */
public final class TestTokens {

    /** The HS256 secret of the integration-test server ({@code src/test/resources/arquillian.xml}). */
    public static final String IT_SECRET = "waypoint-integration-test-secret-0123456789";
    /** The RS256 key pair of the tests: the integration-test server holds its public half. */
    public static final Path PRIVATE_KEY = Path.of(System.getProperty("project.basedir", "."),
            "src/test/resources/access/test-rs256-private.pem");
    public static final Path PUBLIC_KEY = PRIVATE_KEY.resolveSibling("test-rs256-public.pem");
    public static final Path CERTIFICATE = PRIVATE_KEY.resolveSibling("test-rs256-cert.pem");

    private TestTokens() {
    }

    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hs256(String secret, String claims) {
        return hs256(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims);
    }

    public static String hs256(String secret, String header, String claims) {
        String signed = b64(header) + "." + b64(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + b64(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(PrivateKey key, String kid, String claims) {
        String header = kid == null ? "{\"alg\":\"RS256\",\"typ\":\"JWT\"}" : "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String signed = b64(header) + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test RSA private key (PKCS#8 PEM). */
    public static PrivateKey privateKey() {
        try {
            String pem = Files.readString(PRIVATE_KEY).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Claims with {@code exp} {@code secondsFromNow} ahead (negative: in the past) and the given extra members. */
    public static String claims(long secondsFromNow, String extraMembers) {
        long exp = System.currentTimeMillis() / 1000 + secondsFromNow;
        return "{\"exp\":" + exp + (extraMembers.isEmpty() ? "" : "," + extraMembers) + "}";
    }
}
