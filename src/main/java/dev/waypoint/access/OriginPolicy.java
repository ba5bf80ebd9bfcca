package dev.waypoint.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which web pages may open a WebSocket to this server, by the {@code Origin} header browsers send with every
 * handshake. Without such a check any page on the internet could open a socket to a room from its visitors'
 * browsers (cross-site WebSocket hijacking): browsers apply no same-origin policy to WebSockets.
 *
 * <p>Allowed, in this order:
 * <ol>
 *   <li>the server's own pages: the {@code Origin}'s host and port are those the client addressed ({@code Host}).
 *   The scheme is not compared, so a TLS-terminating proxy in front (an {@code https} page, a plain {@code http}
 *   hop behind it) needs no setting, as long as the proxy passes the {@code Host} on. A page on the same host and
 *   port is the same site whatever its scheme;</li>
 *   <li>the entries of the allow-list: {@code *} (any origin), or {@code scheme://host[:port]} where the port may be
 *   {@code *} (any port: {@code http://localhost:*}) and the host may start with {@code *.} (any subdomain, not the
 *   domain itself: {@code https://*.example.com}). Without a port an entry means the scheme's default port.</li>
 * </ol>
 * A handshake without {@code Origin} comes from a program, not a browser page (browsers always send it): allowed
 * unless {@code requireOrigin}. The origin {@code null} (a sandboxed frame, a {@code file:} page) matches only
 * {@code *}.
 */
public final class OriginPolicy {

    // scheme://host[:port], host a name, an IPv4 address or a bracketed IPv6 address; port digits or *.
    private static final Pattern ENTRY = Pattern.compile(
            "([a-z][a-z0-9+.-]*)://(\\*\\.)?(\\[[0-9a-f:.]+\\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)(:(\\*|[0-9]{1,5}))?/?");
    private static final Pattern ORIGIN = Pattern.compile(
            "([a-z][a-z0-9+.-]*)://(\\[[0-9a-f:.]+\\]|[^:/\\[\\]]+)(:([0-9]{1,5}))?/?");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-f:.]+\\]|[^:/\\[\\]]+)(:([0-9]{1,5}))?");

    private final boolean anyOrigin;
    private final List<Entry> entries;
    private final boolean requireOrigin;

    private OriginPolicy(boolean anyOrigin, List<Entry> entries, boolean requireOrigin) {
        this.anyOrigin = anyOrigin;
        this.entries = entries;
        this.requireOrigin = requireOrigin;
    }

    /**
     * @param allowList comma- or blank-separated entries (see the class comment); null or blank: own pages only
     * @throws IllegalArgumentException naming an entry that is not of the documented form
     */
    public static OriginPolicy of(String allowList, boolean requireOrigin) {
        boolean any = false;
        List<Entry> entries = new ArrayList<>();
        if (allowList != null) {
            for (String raw : allowList.split("[,\\s]+")) {
                if (raw.isEmpty()) {
                    continue;
                }
                if (raw.equals("*")) {
                    any = true;
                    continue;
                }
                Matcher m = ENTRY.matcher(raw.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new IllegalArgumentException("not an origin (scheme://host[:port], port may be *, host may"
                            + " start with *.): \"" + raw + "\"");
                }
                String port = m.group(6);
                entries.add(new Entry(m.group(1), m.group(2) != null, m.group(3),
                        port == null ? defaultPort(m.group(1)) : port.equals("*") ? ANY_PORT : Integer.parseInt(port)));
            }
        }
        return new OriginPolicy(any, List.copyOf(entries), requireOrigin);
    }

    private static final int ANY_PORT = -2;

    private record Entry(String scheme, boolean subdomains, String host, int port) {
        boolean matches(String originScheme, String originHost, int originPort) {
            if (!scheme.equals(originScheme) || (port != ANY_PORT && port != originPort)) {
                return false;
            }
            return subdomains ? originHost.endsWith("." + host) : originHost.equals(host);
        }
    }

    /**
     * @param origin the handshake's {@code Origin} header, or null when it had none
     * @param host the handshake's {@code Host} header (what the client addressed), or null
     */
    public boolean permits(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return !requireOrigin;
        }
        if (anyOrigin) {
            return true;
        }
        Matcher o = ORIGIN.matcher(origin.strip().toLowerCase(Locale.ROOT));
        if (!o.matches()) {
            return false; // "null", or garbage: only * admits it
        }
        String scheme = o.group(1);
        String originHost = o.group(2);
        int originPort = o.group(4) != null ? Integer.parseInt(o.group(4)) : defaultPort(scheme);
        if (sameHostAndPort(scheme, originHost, originPort, host)) {
            return true;
        }
        for (Entry entry : entries) {
            if (entry.matches(scheme, originHost, originPort)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameHostAndPort(String scheme, String originHost, int originPort, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        Matcher h = HOST.matcher(hostHeader.strip().toLowerCase(Locale.ROOT));
        if (!h.matches() || !h.group(1).equals(originHost)) {
            return false;
        }
        // A Host without a port addressed the default port of ws/wss, which are those of http/https.
        int hostPort = h.group(3) != null ? Integer.parseInt(h.group(3)) : defaultPort(scheme);
        return hostPort == originPort;
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "https", "wss" -> 443;
            case "http", "ws" -> 80;
            default -> -1;
        };
    }

    /** For logs: what this policy admits. */
    @Override
    public String toString() {
        return (anyOrigin ? "any origin" : "own pages" + (entries.isEmpty() ? "" : " and " + entries.size() + " allow-list entries"))
                + (requireOrigin ? ", handshakes without Origin refused" : ", handshakes without Origin (programs) allowed");
    }
}
