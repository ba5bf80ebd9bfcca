package dev.waypoint.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The origins whose pages may frame Waypoint's embed page and drive it by {@code postMessage}: the setting
 * {@code waypoint.frame-ancestors}, a list separated by spaces or commas of
 * <ul>
 *   <li>{@code 'self'} (or {@code self}): Waypoint's own origin;</li>
 *   <li>an origin, {@code https://portal.example} or {@code http://localhost:8443} (no port: the scheme's default);</li>
 *   <li>an origin with any port, {@code http://localhost:*};</li>
 *   <li>an origin with any subdomain, {@code https://*.portal.example};</li>
 *   <li>{@code *}: any origin (for trials: any page could then drive the map).</li>
 * </ul>
 * The same forms as a Content-Security-Policy {@code frame-ancestors} source list, restricted to origins (no paths).
 * Entries that are none of these are dropped (and reported by {@link #rejected()}), so a typo never allows more.
 *
 * <p>The embed page ({@code embed.html}) reads the list from {@code config.json}, matches the parent page's origin
 * against it, and accepts commands only from the parent window of an allowed origin. Waypoint's own origin is always
 * allowed there: a page of the same origin can script the frame directly anyway.
 *
 * @param patterns the accepted entries, normalised ({@code 'self'}, {@code *}, lower-case scheme and host)
 * @param rejected entries that are not one of the forms above
 */
public record FrameAncestors(List<String> patterns, List<String> rejected) {

    public static final String SELF = "'self'";
    public static final String ANY = "*";

    // scheme "://" ["*."] host [":" (port | "*")]; the host is a name or an IPv4 address, or [IPv6].
    private static final Pattern ORIGIN = Pattern.compile(
            "[a-z][a-z0-9+.-]*://(\\*\\.)?([a-z0-9-]+(\\.[a-z0-9-]+)*|\\[[0-9a-f:.]+\\])(:([0-9]{1,5}|\\*))?");

    public FrameAncestors {
        patterns = List.copyOf(patterns);
        rejected = List.copyOf(rejected);
    }

    /** Parses the setting's value; {@code null} or blank gives the default, {@code 'self'} alone. */
    public static FrameAncestors parse(String value) {
        if (value == null || value.isBlank()) {
            return new FrameAncestors(List.of(SELF), List.of());
        }
        List<String> patterns = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String entry : value.trim().split("[\\s,]+")) {
            String normal = normalise(entry);
            if (normal == null) {
                rejected.add(entry);
            } else if (!patterns.contains(normal)) {
                patterns.add(normal);
            }
        }
        return new FrameAncestors(patterns, rejected);
    }

    /**
     * The list as a CSP {@code frame-ancestors} source list: {@code 'self'} first (Waypoint's own pages may always frame
     * it), then the other entries; {@code *} alone when any origin is allowed.
     */
    public String cspSource() {
        if (patterns.contains(ANY)) {
            return ANY;
        }
        List<String> sources = new ArrayList<>();
        sources.add(SELF);
        patterns.stream().filter(p -> !p.equals(SELF)).forEach(sources::add);
        return String.join(" ", sources);
    }

    /** The entry in its one spelling, or null when it is not a form this setting takes. */
    static String normalise(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        if (lower.equals(SELF) || lower.equals("self")) {
            return SELF;
        }
        if (lower.equals(ANY)) {
            return ANY;
        }
        if (lower.endsWith("/")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (!ORIGIN.matcher(lower).matches()) {
            return null;
        }
        int colon = lower.lastIndexOf(':');
        String port = lower.substring(colon + 1);
        boolean numericPort = colon > lower.indexOf("://") && port.chars().allMatch(Character::isDigit);
        return numericPort && Integer.parseInt(port) > 65535 ? null : lower;
    }
}
