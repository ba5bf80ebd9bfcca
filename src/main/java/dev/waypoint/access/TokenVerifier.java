package dev.waypoint.access;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a room token: a JWT (RFC 7519) in compact JWS form, signed with HS256 (a secret shared with the portal's
 * server) or RS256 (a key pair: a portal's OIDC provider signs, Waypoint holds the public key). Any JWT library
 * mints one; {@code src/docs/protocol-v2.md} ("Access") lists the claims.
 *
 * <p>Why not MicroProfile JWT, which Payara ships: it authenticates requests to protected Jakarta REST resources
 * (activated by {@code @LoginConfig} on a JAX-RS application) and reads the token from the {@code Authorization}
 * header or a cookie. A WebSocket opened by a browser can carry neither for a portal on another site: browsers let
 * scripts set no header on a WebSocket, and the portal cannot set a cookie for Waypoint's site (and third-party
 * cookies in frames are blocked). The token therefore comes as a query parameter, which MicroProfile JWT does not
 * read. MicroProfile JWT also verifies only asymmetric signatures (RS256, ES256), so a portal without a key pair
 * could not mint tokens with a shared secret, and its parser is not part of the MicroProfile API (Payara's is an
 * internal class). Verifying a compact JWS takes a few lines on the JDK's own {@link Mac} and {@link Signature} and
 * JSON-P, which every Jakarta EE server has: no new library, the same behaviour on every server, and unit tests
 * without a container.
 *
 * <p>What is refused: anything but exactly three base64url parts; an {@code alg} other than HS256 or RS256 (so
 * {@code none} and algorithm confusion are impossible: the key kind follows from the algorithm, and each algorithm
 * has its own key); an algorithm for which no key is configured; a {@code crit} header (no extension is understood);
 * a bad signature; a missing or passed {@code exp}; an {@code nbf} in the future; a wrong {@code iss} or {@code aud}
 * when they are configured; and a token that grants neither view nor edit.
 */
public final class TokenVerifier {

    /** Longer tokens are refused unread. Real ones are well under 2 KB; the limit keeps parsing cheap. */
    public static final int MAX_TOKEN_LENGTH = 8192;
    /** The longest display name a token sets; longer names are cut (the room's own limit). */
    public static final int MAX_NAME_LENGTH = 40;

    private final SecretKeySpec hmacKey;
    private final Map<String, PublicKey> rsaKeys;
    private final TokenRules rules;
    private final Clock clock;

    /**
     * @param hs256Secret the shared secret ({@link VerificationKeys#secret}), or null: HS256 tokens are refused
     * @param rsaKeys RS256 keys by key id ({@link VerificationKeys#rsaPublicKeys}); empty: RS256 tokens are refused
     */
    public TokenVerifier(byte[] hs256Secret, Map<String, PublicKey> rsaKeys, TokenRules rules, Clock clock) {
        this.hmacKey = hs256Secret == null ? null : new SecretKeySpec(hs256Secret, "HmacSHA256");
        this.rsaKeys = Map.copyOf(rsaKeys);
        this.rules = rules;
        this.clock = clock;
    }

    /** How far {@code exp} may have passed before a token counts as expired ({@link TokenRules#clockSkew()}). */
    public java.time.Duration clockSkew() {
        return rules.clockSkew();
    }

    /** True when some algorithm has a key: without one, every token is refused. */
    public boolean hasKeys() {
        return hmacKey != null || !rsaKeys.isEmpty();
    }

    /** Verifies {@code token} and says what it grants. */
    public Grant verify(String token) throws TokenRejected {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejected("the token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new TokenRejected("not a signed JWT (header.payload.signature)");
        }
        JsonObject header = json(parts[0], "header");
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = base64url(parts[2], "signature");
        if (header.containsKey("crit")) {
            throw new TokenRejected("the token's header names critical extensions (crit); none are supported");
        }
        String alg = header.get("alg") instanceof JsonString s ? s.getString() : null;
        if ("HS256".equals(alg)) {
            if (hmacKey == null) {
                throw new TokenRejected("HS256 tokens are not accepted here (no shared secret is configured)");
            }
            if (!MessageDigest.isEqual(hmac(signed), signature)) {
                throw new TokenRejected("the token's signature is not valid");
            }
        } else if ("RS256".equals(alg)) {
            if (rsaKeys.isEmpty()) {
                throw new TokenRejected("RS256 tokens are not accepted here (no public key is configured)");
            }
            String kid = header.get("kid") instanceof JsonString s ? s.getString() : null;
            if (!rsaValid(signed, signature, kid)) {
                throw new TokenRejected("the token's signature is not valid");
            }
        } else {
            throw new TokenRejected("the token's algorithm " + (alg == null ? "is missing" : "\"" + alg + "\" is not accepted")
                    + "; HS256 and RS256 are");
        }
        return grant(json(parts[1], "payload"));
    }

    private byte[] hmac(byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private boolean rsaValid(byte[] signed, byte[] signature, String kid) throws TokenRejected {
        List<PublicKey> candidates;
        if (kid != null && rsaKeys.containsKey(kid)) {
            candidates = List.of(rsaKeys.get(kid));
        } else if (kid != null && !rsaKeys.containsKey(VerificationKeys.NO_KEY_ID)) {
            throw new TokenRejected("the token's key id \"" + kid + "\" is not one of the configured keys");
        } else {
            candidates = new ArrayList<>(rsaKeys.values()); // few keys: try each
        }
        for (PublicKey key : candidates) {
            try {
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key);
                verifier.update(signed);
                if (verifier.verify(signature)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // A signature of the wrong length or form: not valid for this key.
            }
        }
        return false;
    }

    private Grant grant(JsonObject claims) throws TokenRejected {
        Instant now = clock.instant();
        Instant exp = seconds(claims, "exp");
        if (exp == null) {
            throw new TokenRejected("the token has no expiry (exp)");
        }
        if (now.isAfter(exp.plus(rules.clockSkew()))) {
            throw new TokenRejected("the token expired at " + exp, true);
        }
        Instant nbf = seconds(claims, "nbf");
        if (nbf != null && now.plus(rules.clockSkew()).isBefore(nbf)) {
            throw new TokenRejected("the token is not valid before " + nbf);
        }
        if (rules.issuer() != null && !rules.issuer().equals(string(claims, "iss"))) {
            throw new TokenRejected("the token's issuer (iss) is not " + rules.issuer());
        }
        if (rules.audience() != null && !strings(claims, "aud").contains(rules.audience())) {
            throw new TokenRejected("the token's audience (aud) does not include " + rules.audience());
        }
        List<RoomPattern> rooms = new ArrayList<>();
        for (String room : strings(claims, "room")) {
            rooms.add(new RoomPattern(room));
        }
        return new Grant(rooms, access(claims), name(claims), string(claims, "sub"), exp);
    }

    private Access access(JsonObject claims) throws TokenRejected {
        if (claims.containsKey("access")) {
            Access access = Access.fromWireName(string(claims, "access"));
            if (access == null) {
                throw new TokenRejected("the token's access must be \"view\" or \"edit\"");
            }
            return access;
        }
        // Tokens from an OIDC provider: the MicroProfile JWT "groups" claim, or OAuth scopes.
        List<String> held = new ArrayList<>(strings(claims, "groups"));
        String scope = string(claims, "scope");
        if (scope != null) {
            held.addAll(Arrays.asList(scope.split(" ")));
        }
        if (held.contains(rules.editGroup())) {
            return Access.EDIT;
        }
        if (held.contains(rules.viewGroup())) {
            return Access.VIEW;
        }
        throw new TokenRejected("the token grants no access: no \"access\" claim, and neither group nor scope "
                + rules.editGroup() + " or " + rules.viewGroup());
    }

    private static String name(JsonObject claims) {
        String name = string(claims, "name");
        if (name == null || name.isBlank()) {
            name = string(claims, "preferred_username");
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        name = name.strip();
        if (name.length() > MAX_NAME_LENGTH) {
            int end = Character.isHighSurrogate(name.charAt(MAX_NAME_LENGTH - 1)) ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
            name = name.substring(0, end).strip();
        }
        return name;
    }

    private static Instant seconds(JsonObject claims, String claim) throws TokenRejected {
        JsonValue value = claims.get(claim);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw new TokenRejected("the token's " + claim + " is not a number of seconds");
        }
        try {
            return Instant.ofEpochSecond(number.bigDecimalValue().longValue());
        } catch (java.time.DateTimeException e) {
            throw new TokenRejected("the token's " + claim + " is out of range");
        }
    }

    private static String string(JsonObject claims, String claim) {
        return claims.get(claim) instanceof JsonString s ? s.getString() : null;
    }

    /** A claim that may be one string or an array of strings (aud, room, groups). */
    private static List<String> strings(JsonObject claims, String claim) throws TokenRejected {
        JsonValue value = claims.get(claim);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (value instanceof JsonArray array) {
            List<String> list = new ArrayList<>(array.size());
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    throw new TokenRejected("the token's " + claim + " must hold strings");
                }
                list.add(s.getString());
            }
            return list;
        }
        throw new TokenRejected("the token's " + claim + " must be a string or an array of strings");
    }

    private static JsonObject json(String part, String what) throws TokenRejected {
        String text = new String(base64url(part, what), StandardCharsets.UTF_8);
        try {
            return Json.createReader(new StringReader(text)).readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new TokenRejected("the token's " + what + " is not a JSON object");
        }
    }

    private static byte[] base64url(String part, String what) throws TokenRejected {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new TokenRejected("the token's " + what + " is not base64url");
        }
    }
}
