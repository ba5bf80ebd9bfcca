package dev.waypoint.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Growable long array for latency samples (nanoseconds), and percentile summaries. */
final class Stats {
    private long[] a = new long[1024];
    private int n;

    void add(long v) {
        if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[n++] = v;
    }

    int size() {
        return n;
    }

    static Stats merge(List<Stats> parts) {
        Stats m = new Stats();
        int total = 0;
        for (Stats s : parts) total += s.n;
        m.a = new long[Math.max(total, 1)];
        for (Stats s : parts) {
            System.arraycopy(s.a, 0, m.a, m.n, s.n);
            m.n += s.n;
        }
        return m;
    }

    /** {count, p50, p90, p99, p999, max, mean} in milliseconds (samples are nanoseconds). */
    Map<String, Object> summaryMs() {
        Map<String, Object> r = Json.obj();
        long[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        r.put("count", n);
        if (n == 0) {
            r.put("p50", null);
            r.put("p90", null);
            r.put("p99", null);
            r.put("p999", null);
            r.put("max", null);
            r.put("mean", null);
            return r;
        }
        double sum = 0;
        for (long v : s) sum += v;
        r.put("p50", pct(s, 0.50) / 1e6);
        r.put("p90", pct(s, 0.90) / 1e6);
        r.put("p99", pct(s, 0.99) / 1e6);
        r.put("p999", pct(s, 0.999) / 1e6);
        r.put("max", s[n - 1] / 1e6);
        r.put("mean", sum / n / 1e6);
        return r;
    }

    private static long pct(long[] sorted, double q) {
        int idx = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
