package dev.waypoint.access;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The address a connection is counted under ({@link ConnectionLimiter}). Normally the TCP peer. Behind reverse
 * proxies every connection would come from the proxy, so for peers listed as trusted proxies the client is the
 * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy: entries to its left were written by
 * the client or by proxies nobody vouches for, and cannot be believed.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    /** @param trustedProxies exact addresses, comma- or blank-separated; null or blank: none */
    public ClientAddress(String trustedProxies) {
        Set<String> set = new LinkedHashSet<>();
        if (trustedProxies != null) {
            for (String entry : trustedProxies.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    set.add(normal(entry));
                }
            }
        }
        this.trustedProxies = Set.copyOf(set);
    }

    /**
     * @param peer the TCP peer's address ({@code ServletRequest.getRemoteAddr()})
     * @param forwardedFor every {@code X-Forwarded-For} header value of the request, joined with commas; may be null
     */
    public String of(String peer, String forwardedFor) {
        String client = normal(peer);
        if (!trustedProxies.contains(client) || forwardedFor == null) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = normal(hops[i]);
            if (hop.isEmpty()) {
                continue;
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                break;
            }
        }
        return client;
    }

    private static String normal(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a;
    }
}
