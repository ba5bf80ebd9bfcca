package dev.waypoint.access;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The security headers of every response of the application: a Content-Security-Policy, {@code
 * X-Content-Type-Options}, {@code Referrer-Policy}, and {@code X-Frame-Options} where it can say the same as the
 * policy's {@code frame-ancestors}.
 *
 * <p>The policy admits only the application's own files, and what MapLibre GL JS 6 needs besides:
 * <ul>
 *   <li>{@code script-src 'self'}: the page's ES modules and MapLibre's; no inline script, no {@code eval}.</li>
 *   <li>{@code worker-src 'self' blob:}: MapLibre starts its worker from its own {@code .mjs} file next to it, or, when
 *   that file is on another origin than the page, from a {@code blob:} URL that imports it.</li>
 *   <li>{@code style-src 'self'}: the style sheets are files; MapLibre and the page set styles through the DOM, which a
 *   policy does not restrict.</li>
 *   <li>{@code img-src 'self' data: blob:}: MapLibre's controls use {@code data:} SVG icons, and it decodes images
 *   through {@code blob:} URLs.</li>
 *   <li>{@code connect-src 'self'} plus {@code ws:}/{@code wss:} of the host addressed (older browsers do not count
 *   WebSockets as {@code 'self'}), plus the map sources: the origin of an absolute {@code waypoint.map.style-url} and
 *   {@code waypoint.csp.map-sources} (tiles, glyphs and sprites of a hosted style), also in {@code img-src}.</li>
 *   <li>{@code frame-ancestors} from {@code waypoint.frame-ancestors}: the portals that may frame the page.</li>
 * </ul>
 * {@code Referrer-Policy: strict-origin-when-cross-origin}: a page URL may carry a room token, which must not leak
 * to a tile server in a {@code Referer}; the origin alone still lets tile providers check whose key is used.
 */
public final class PageHeaders {

    // A CSP source expression this class accepts from configuration: keywords, schemes, or scheme://host[:port][/path].
    private static final Pattern SOURCE = Pattern.compile(
            "'self'|'none'|\\*|(https?|wss?|data|blob):|(https?|wss?)://(\\*\\.)?[a-z0-9.-]+(:([0-9]{1,5}|\\*))?(/[^\\s;,'\"]*)?"
                    + "|(https?|wss?)://\\[[0-9a-f:.]+\\](:([0-9]{1,5}|\\*))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-f:.]+\\](:[0-9]{1,5})?");

    private final String frameAncestors;
    private final String mapSources;
    private final String frameOptions;

    /**
     * @param frameAncestors sources that may frame the page, comma- or blank-separated ({@code 'self'},
     *     {@code 'none'}, {@code *}, {@code https://portal.example.com}, {@code http://localhost:*})
     * @param mapSources extra sources the map loads from, in the same form; may be blank
     * @param styleUrl the page's map style ({@code waypoint.map.style-url}): if absolute, its origin is a map source
     * @throws IllegalArgumentException naming an entry that is not a source expression of those forms
     */
    public PageHeaders(String frameAncestors, String mapSources, String styleUrl) {
        List<String> ancestors = new ArrayList<>(sources("waypoint.frame-ancestors", frameAncestors));
        if (ancestors.contains("'none'") && ancestors.size() > 1) {
            throw new IllegalArgumentException("waypoint.frame-ancestors: 'none' cannot be combined with other sources");
        }
        // Waypoint's own pages always may frame each other (the example page frames embed.html), as the embed page's
        // own check of its parent (FrameAncestors) allows: the setting adds portals, it does not take 'self' away.
        if (!ancestors.contains("'none'") && !ancestors.contains("'self'")) {
            ancestors.add(0, "'self'");
        }
        this.frameAncestors = String.join(" ", ancestors);
        List<String> map = new ArrayList<>(sources("waypoint.csp.map-sources", mapSources));
        String styleOrigin = origin(styleUrl);
        if (styleOrigin != null && !map.contains(styleOrigin)) {
            map.add(0, styleOrigin);
        }
        this.mapSources = map.isEmpty() ? "" : " " + String.join(" ", map);
        this.frameOptions = switch (this.frameAncestors) {
            case "'self'" -> "SAMEORIGIN";
            case "'none'" -> "DENY";
            default -> null; // a list X-Frame-Options cannot express: the policy alone speaks (browsers prefer it)
        };
    }

    private static List<String> sources(String property, String value) {
        List<String> list = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split("[,\\s]+")) {
                if (entry.isEmpty()) {
                    continue;
                }
                String source = entry;
                String lower = entry.toLowerCase(Locale.ROOT);
                if (lower.matches("'?(self|none)'?")) {
                    source = "'" + lower.replace("'", "") + "'"; // quotes are easy to lose in a shell or a properties file
                }
                if (!SOURCE.matcher(source).matches()) {
                    throw new IllegalArgumentException(property + ": not a source ('self', 'none', *, scheme:, or"
                            + " scheme://host[:port], port may be *, host may start with *.): \"" + entry + "\"");
                }
                if (!list.contains(source)) {
                    list.add(source); // as given: paths in sources are case-sensitive, hosts and schemes are not
                }
            }
        }
        return list;
    }

    private static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                return null; // relative: the application's own file
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code frame-ancestors} sources, as the policy states them. */
    public String frameAncestors() {
        return frameAncestors;
    }

    /**
     * The headers for a response to a request that addressed {@code host} (its {@code Host} header, or null).
     * A host that is not a plain name or address is left out of the policy rather than copied into it.
     */
    public Map<String, String> headers(String host) {
        String sockets = "";
        if (host != null && HOST.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
            String h = host.toLowerCase(Locale.ROOT);
            sockets = " ws://" + h + " wss://" + h;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", "default-src 'self'; script-src 'self'; worker-src 'self' blob:; "
                + "style-src 'self'; img-src 'self' data: blob:" + mapSources + "; font-src 'self'; "
                + "connect-src 'self'" + sockets + mapSources + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors " + frameAncestors);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        if (frameOptions != null) {
            headers.put("X-Frame-Options", frameOptions);
        }
        return headers;
    }
}
