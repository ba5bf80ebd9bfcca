package dev.waypoint.access;

import java.time.Duration;

/**
 * How claims are checked and mapped, beyond the signature.
 *
 * @param issuer the required {@code iss}, or null for any
 * @param audience a value the {@code aud} must contain, or null for any
 * @param editGroup the group or scope that grants edit access to a token without an {@code access} claim
 * @param viewGroup the group or scope that grants view access to a token without an {@code access} claim
 * @param clockSkew how far {@code exp} and {@code nbf} may be off, for clocks that differ between servers
 */
public record TokenRules(String issuer, String audience, String editGroup, String viewGroup, Duration clockSkew) {

    public static final TokenRules DEFAULTS = new TokenRules(null, null, "waypoint.edit", "waypoint.view",
            Duration.ofSeconds(30));
}
