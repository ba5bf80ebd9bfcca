package dev.waypoint.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the ratio table of one comparison run: reads the JSON lines the load generator printed for each
 * peer (files given on the command line; each line names its peer in "label") and divides the base peer's
 * figure by each other peer's figure, scenario by scenario.
 *
 * <p>Usage: java -cp waypoint-bench.jar dev.waypoint.bench.Compare [--base waypoint] FILE.jsonl...
 */
public final class Compare {

    /** One row of the table: scenario, JSON path, unit, true if higher is better. */
    record Metric(String scenario, String path, String name, boolean higherBetter) {}

    static final List<Metric> METRICS = List.of(
            new Metric("saturate", "deliveriesPerSec", "saturate deliveries/s", true),
            new Metric("saturate", "latencyMs.p99", "saturate latency p99 ms", false),
            new Metric("saturate", "server.cpuMicrosPerDelivery", "saturate server CPU us/delivery", false),
            new Metric("saturate", "client.cpuCores", "saturate client CPU cores", false),
            new Metric("fanout", "deliveriesPerSec", "fanout deliveries/s", true),
            new Metric("fanout", "lostDeliveries", "fanout lost deliveries", false),
            new Metric("fanout", "latencyMs.p50", "fanout latency p50 ms", false),
            new Metric("fanout", "latencyMs.p99", "fanout latency p99 ms", false),
            new Metric("fanout", "server.cpuMicrosPerDelivery", "fanout server CPU us/delivery", false),
            new Metric("fanout", "client.cpuCores", "fanout client CPU cores", false),
            new Metric("warmup", "coldFanout.p99Ms", "cold fanout latency p99 ms (first warm-up phase)", false),
            new Metric("warmup", "coldFanout.serverCpuMicrosPerDelivery", "cold fanout server CPU us/delivery", false),
            new Metric("warmup", "coldSaturate.deliveriesPerSec", "cold saturate deliveries/s (first warm-up phase)", true),
            new Metric("warmup", "coldJoin.p99Ms", "cold join p99 ms (first warm-up phase)", false),
            new Metric("join", "latencyMs.p50", "join p50 ms", false),
            new Metric("join", "latencyMs.p99", "join p99 ms", false),
            new Metric("join", "noPinWithin10s", "join without pin", false),
            new Metric("ping", "rttMs.p50", "ping RTT p50 ms", false),
            new Metric("ping", "rttMs.p99", "ping RTT p99 ms", false),
            new Metric("idle", "held", "idle 2k held", true),
            new Metric("idle", "server.rssKiBPerConnection", "idle 2k server RSS KiB/conn", false),
            new Metric("idle10k", "held", "idle 10k held", true),
            new Metric("idle10k", "server.rssKiBPerConnection", "idle 10k server RSS KiB/conn", false),
            new Metric("slow", "baseline.latencyMs.p99", "slow: others p99 ms without slow client", false),
            new Metric("slow", "withSlow.latencyMs.p99", "slow: others p99 ms with slow client", false),
            new Metric("slow", "othersP99RatioSlowVsBaseline", "slow: p99 with / without", false),
            new Metric("slow", "withSlow.lostDeliveries", "slow: others lost", false),
            new Metric("slow", "serverRssKiBMaxWithSlow", "slow: server RSS max KiB", false),
            new Metric("slow", "serverJvmLiveHeapKiBBaseline", "slow: JVM live heap KiB after the run without", false),
            new Metric("slow", "serverJvmLiveHeapKiBWithSlow", "slow: JVM live heap KiB after the run with", false),
            new Metric("slow", "withSlow.slowClient.serverSendQueueBytes", "slow: kernel send queue to slow client B", false));

    public static void main(String[] args) throws Exception {
        String base = "waypoint";
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--base")) base = args[++i];
            else files.add(Path.of(args[i]));
        }
        // label -> scenario -> line
        Map<String, Map<String, Object>> byPeer = new LinkedHashMap<>();
        for (Path f : files) {
            for (String l : Files.readAllLines(f)) {
                if (!l.startsWith("{")) continue;
                Object o = Json.parse(l);
                String label = String.valueOf(Json.get(o, "label"));
                String sc = String.valueOf(Json.get(o, "scenario"));
                if (sc.equals("idle:10000")) sc = "idle10k";
                byPeer.computeIfAbsent(label, k -> new LinkedHashMap<>()).put(sc, o);
            }
        }
        System.out.print(table(base, byPeer));
    }

    static String table(String base, Map<String, Map<String, Object>> byPeer) {
        List<String> peers = new ArrayList<>(byPeer.keySet());
        peers.remove(base);
        StringBuilder sb = new StringBuilder();
        sb.append("| metric | ").append(base);
        for (String p : peers) sb.append(" | ").append(p).append(" | ").append(base).append('/').append(p);
        sb.append(" |\n|---|---:");
        for (int i = 0; i < peers.size(); i++) sb.append("|---:|---:");
        sb.append("|\n");
        Map<String, Object> b = byPeer.getOrDefault(base, Map.of());
        for (Metric m : METRICS) {
            Double bv = val(b, m);
            boolean any = bv != null;
            for (String p : peers) any |= val(byPeer.get(p), m) != null;
            if (!any) continue;
            sb.append("| ").append(m.name).append(m.higherBetter ? " (higher is better)" : "").append(" | ").append(fmt(bv))
                    .append(noisy(b, m));
            for (String p : peers) {
                Double pv = val(byPeer.get(p), m);
                sb.append(" | ").append(fmt(pv)).append(noisy(byPeer.get(p), m)).append(" | ");
                sb.append(bv != null && pv != null && pv != 0 ? String.format(Locale.ROOT, "%.2f", bv / pv) : "-");
            }
            sb.append(" |\n");
        }
        // Extra facts that are not ratios.
        for (String p : byPeer.keySet()) {
            Object slow = byPeer.get(p).get("slow");
            if (slow != null) {
                sb.append("\n").append(p).append(": slow client closed by server: ")
                        .append(Json.get(slow, "slowClientClosedByServer")).append(", close code ")
                        .append(Json.get(slow, "slowClientCloseCode"));
            }
            for (Map.Entry<String, Object> e : byPeer.get(p).entrySet()) {
                Object err = Json.get(e.getValue(), "error");
                if (err != null) sb.append("\n").append(p).append(' ').append(e.getKey()).append(": ERROR ").append(err);
            }
        }
        sb.append("\n\n* = other processes on the machine used more than ").append(NOISY_CORES)
                .append(" cores during that measurement (client.otherProcessesCores): a noisy figure.\n");
        return sb.toString();
    }

    static final double NOISY_CORES = 0.25;

    /** "*" when other processes loaded the machine during the measurement behind this figure. */
    private static String noisy(Map<String, Object> peer, Metric m) {
        if (peer == null) return "";
        Object line = peer.get(m.scenario);
        if (line == null) return "";
        String prefix = m.path.startsWith("baseline.") ? "baseline." : m.path.startsWith("withSlow.") ? "withSlow." : "";
        Double other = Json.num(line, prefix + "client.otherProcessesCores");
        if (m.scenario.equals("slow") && prefix.isEmpty()) {
            Double a = Json.num(line, "baseline.client.otherProcessesCores"), b = Json.num(line, "withSlow.client.otherProcessesCores");
            other = a == null ? b : b == null ? a : Math.max(a, b);
        }
        return other != null && other > NOISY_CORES ? "*" : "";
    }

    private static Double val(Map<String, Object> peer, Metric m) {
        if (peer == null) return null;
        Object line = peer.get(m.scenario);
        return line == null ? null : Json.num(line, m.path);
    }

    private static String fmt(Double v) {
        if (v == null) return "-";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
