package dev.waypoint.bench;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The demo protocol's messages, and how a sequence number rides inside a pin.
 *
 * <p>A setPin's sequence number s (s >= 1) is written as two exact 4-decimal values:
 * lng = (s mod 1,000,000) / 10,000 in [0, 100) and lat = (s div 1,000,000) / 10,000 in [0, 90).
 * Both stay inside the valid ranges (so a validating server keeps them unchanged, and lng is never wrapped)
 * and survive any float formatting the server applies (1.0E-4, 0.0001, extra digits): the receiver parses
 * both numbers and rounds them back to units of 1e-4. The send time of each sequence number stays in the
 * client (per room), so nothing but the location has to be echoed.
 */
final class Proto {
    private Proto() {}

    private static final byte[] PIN_UPDATE = "\"pinUpdate\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAT = "\"lat\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LNG = "\"lng\"".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    /**
     * Hot path of every receipt: the sequence number of a pinUpdate frame, read straight from the frame's
     * bytes (no String, no JSON tree); -1 if the frame is no pinUpdate, -2 if it carries no sequence number.
     */
    static long seqOfPinUpdate(ByteBuf buf) {
        int len = buf.readableBytes();
        byte[] a = SCRATCH.get();
        if (len > a.length) {
            a = new byte[Math.max(len, a.length * 2)];
            SCRATCH.set(a);
        }
        buf.getBytes(buf.readerIndex(), a, 0, len);
        if (indexOf(a, len, PIN_UPDATE, 0) < 0) return -1;
        long lat = units(a, len, LAT);
        long lng = units(a, len, LNG);
        if (lat < 0 || lng < 0) return -2;
        return lat * LNG_UNITS + lng;
    }

    private static int indexOf(byte[] a, int len, byte[] n, int from) {
        outer:
        for (int i = from; i <= len - n.length; i++) {
            for (int j = 0; j < n.length; j++) if (a[i + j] != n[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** The value of a key in units of 1e-4 (rounded), or -1 if absent or negative. */
    private static long units(byte[] a, int len, byte[] key) {
        int k = indexOf(a, len, key, 0);
        if (k < 0) return -1;
        int i = k + key.length;
        while (i < len && (a[i] == ' ' || a[i] == ':' || a[i] == '\t')) i++;
        int st = i;
        long ip = 0, frac = 0;
        int fd = 0;
        boolean dot = false, round = false;
        for (; i < len; i++) {
            byte c = a[i];
            if (c >= '0' && c <= '9') {
                if (!dot) {
                    ip = ip * 10 + (c - '0');
                } else if (fd < 4) {
                    frac = frac * 10 + (c - '0');
                    fd++;
                } else if (fd == 4) {
                    round = c >= '5';
                    fd++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else if (c == 'e' || c == 'E' || c == '-' || c == '+') {
                // Exponent or sign: let the JDK parse it (rare: e.g. a server printing 1.0E-4).
                int e = i;
                while (e < len && "+-0123456789.eE".indexOf(a[e]) >= 0) e++;
                double d = Double.parseDouble(new String(a, st, e - st, StandardCharsets.US_ASCII));
                return d < 0 ? -1 : Math.round(d * 10_000);
            } else {
                break;
            }
        }
        if (i == st) return -1;
        while (fd < 4) {
            frac *= 10;
            fd++;
        }
        return ip * 10_000 + frac + (round ? 1 : 0);
    }

    static final long LNG_UNITS = 1_000_000L;

    static String setPin(long seq) {
        long latU = seq / LNG_UNITS;
        long lngU = seq % LNG_UNITS;
        return "{\"type\":\"setPin\",\"location\":{\"lat\":" + fix4(latU) + ",\"lng\":" + fix4(lngU) + "}}";
    }

    static String ping(String id, long clientTime) {
        return "{\"type\":\"ping\",\"id\":\"" + id + "\",\"clientTime\":" + clientTime + "}";
    }

    private static String fix4(long units) {
        long frac = units % 10_000;
        String f = Long.toString(frac);
        return (units / 10_000) + "." + "0000".substring(f.length()) + f;
    }

    static boolean isPinUpdate(String s) {
        return s.contains("\"pinUpdate\"");
    }

    static boolean isPong(String s) {
        return s.contains("\"pong\"");
    }

    /** The sequence number carried by a pinUpdate, or -1 if it has none. */
    static long seqOf(String s) {
        double lat = number(s, "\"lat\"");
        double lng = number(s, "\"lng\"");
        if (Double.isNaN(lat) || Double.isNaN(lng) || lat < 0 || lng < 0) return -1;
        return Math.round(lat * 10_000) * LNG_UNITS + Math.round(lng * 10_000);
    }

    /** The string value of a key (e.g. a pong's "id"), or null. */
    static String string(String s, String key) {
        int k = s.indexOf(key);
        if (k < 0) return null;
        int i = s.indexOf(':', k + key.length());
        if (i < 0) return null;
        int q1 = s.indexOf('"', i + 1);
        if (q1 < 0) return null;
        int q2 = s.indexOf('"', q1 + 1);
        return q2 < 0 ? null : s.substring(q1 + 1, q2);
    }

    /** The numeric value of a key, tolerant of whitespace; NaN if absent. */
    static double number(String s, String key) {
        int k = s.indexOf(key);
        if (k < 0) return Double.NaN;
        int i = k + key.length();
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ':' || s.charAt(i) == '\t')) i++;
        int st = i;
        while (i < n && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        if (i == st) return Double.NaN;
        try {
            return Double.parseDouble(s.substring(st, i));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
