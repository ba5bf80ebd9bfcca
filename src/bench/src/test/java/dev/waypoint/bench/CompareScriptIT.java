package dev.waypoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.waypoint.bench.BenchScenariosIT.num;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The comparison script as the benchmark's README runs it, {@code src/bench/compare.sh waypoint node-ws}, on a small
 * load: it starts the Waypoint the repository built (the README's start command, {@code target/waypoint.war} on
 * {@code target/payara-micro.jar}, embedded storage) and a peer, runs the same scenarios against each, stops both by
 * PID and prints the table of ratios. The peer named {@code node-ws} here is {@link DemoPeer} (the node-ws anchor's
 * semantics), started through an anchors folder of the test's own ({@code ANCHORS}): the machine's anchors are not
 * part of the repository.
 *
 * <p>Waypoint must serve the demo protocol under the load generator: every delivery owed arrives, every join gets
 * the pin, every idle connection is held.
 */
class CompareScriptIT {

    private static final Path BENCH = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path REPO = BENCH.resolve("../..").normalize();

    @Test
    void comparesWaypointWithAPeerAndStopsBoth() throws Exception {
        for (String built : List.of("target/waypoint.war", "target/payara-micro.jar")) {
            assertTrue(Files.isRegularFile(REPO.resolve(built)), REPO.resolve(built)
                    + " is missing: build Waypoint first (mvn -B -ntp package in " + REPO + "; .ci/run does)");
        }
        Path out = BENCH.resolve("target/compare-it");
        deleteTree(out);
        Path anchors = Files.createDirectories(BENCH.resolve("target/compare-it-anchors/node-ws"));
        Path start = anchors.resolve("start.sh");
        Files.writeString(start, "#!/usr/bin/env bash\nexec '" + BenchScenariosIT.java() + "' -Xmx256m -cp '"
                + BENCH.resolve("target/test-classes") + ":" + BenchScenariosIT.jar()
                + "' dev.waypoint.bench.DemoPeer \"$1\"\n");
        Files.setPosixFilePermissions(start, PosixFilePermissions.fromString("rwxr-xr-x"));

        int portBase = freePortPair() - 1;
        ProcessBuilder script = new ProcessBuilder("bash", BENCH.resolve("compare.sh").toString(), "waypoint", "node-ws")
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(BENCH.resolve("target/compare-it.log").toFile());
        Map<String, String> env = script.environment();
        env.put("ANCHORS", anchors.getParent().toString());
        env.put("OUT", out.toString());
        env.put("PORT_BASE", Integer.toString(portBase));
        env.put("WAYPOINT_BUILD", "0"); // the WAR the repository's build made; a nested Maven build would race it
        env.put("SCENARIOS", "idle,join,ping,fanout,saturate");
        env.put("BENCH_ARGS", "--idle-conns 100 --idle-rooms 10 --idle-hold 1 --joins 20 --ping-clients 2 --rooms 2"
                + " --clients 5 --rate 200 --window 8 --warmup 1 --duration 2 --drain 5 --pause 0 --max-seconds 600");
        env.put("BENCH_JAVA_OPTS", "-Xmx512m");
        env.put("WAIT_READY", "240");
        Process run = script.start();
        boolean ended = run.waitFor(15, TimeUnit.MINUTES);
        String log = Files.readString(BENCH.resolve("target/compare-it.log"));
        if (!ended) {
            run.destroy();
        }
        assertTrue(ended, "compare.sh ends by itself; its output:\n" + log);
        assertEquals(0, run.exitValue(), log);

        Map<String, Map<String, Object>> lines = new HashMap<>();
        for (String peer : List.of("waypoint", "node-ws")) {
            Map<String, Object> byScenario = BenchScenariosIT.byScenario(Files.readAllLines(out.resolve(peer + ".jsonl")));
            for (Object line : byScenario.values()) {
                assertNull(Json.get(line, "error"), peer + ": " + line + "\n" + log);
            }
            assertEquals(List.of("fanout", "idle", "join", "ping", "saturate"),
                    byScenario.keySet().stream().sorted().toList(), peer + " ran every scenario");
            lines.put(peer, byScenario);

            assertEquals(0, num(byScenario.get("fanout"), "lostDeliveries").longValue(), peer + " lost deliveries");
            assertTrue(num(byScenario.get("fanout"), "receivedDeliveries") >= 5 * 300, peer + " fanout");
            assertEquals(20, num(byScenario.get("join"), "joined").intValue(), peer + ": every join saw the pin");
            assertEquals(0, num(byScenario.get("ping"), "lost").longValue(), peer + " pings without pong");
            assertEquals(100, num(byScenario.get("idle"), "held").intValue(), peer + " idle connections held");
            // Both servers were started by the script and are stopped by it: nothing of theirs is left running.
            long pid = num(byScenario.get("join"), "serverPid").longValue();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), peer + " (PID " + pid
                    + ") still runs after compare.sh");
        }

        // The table: one row per figure, Waypoint's, the peer's and their ratio, as src/bench/README.md shows it.
        String table = Files.readString(out.resolve("table.md"));
        assertTrue(table.contains("| metric | waypoint | node-ws | waypoint/node-ws |"), table);
        assertTrue(table.contains("Waypoint's abuse limits raised for this load"), table);
        for (String[] row : new String[][] {{"join p99 ms", "join", "latencyMs.p99"},
                {"saturate deliveries/s (higher is better)", "saturate", "deliveriesPerSec"},
                {"fanout latency p99 ms", "fanout", "latencyMs.p99"},
                {"idle 2k server RSS KiB/conn", "idle", "server.rssKiBPerConnection"}}) {
            Matcher m = Pattern.compile("\\| " + Pattern.quote(row[0]) + " \\| ([0-9.]+)\\*? \\| ([0-9.]+)\\*? \\| ([0-9.]+) \\|")
                    .matcher(table);
            assertTrue(m.find(), "row " + row[0] + " in\n" + table);
            double waypoint = num(lines.get("waypoint").get(row[1]), row[2]);
            double peer = num(lines.get("node-ws").get(row[1]), row[2]);
            assertEquals(String.format(Locale.ROOT, "%.2f", waypoint / peer), m.group(3), row[0] + " ratio in\n" + table);
        }
        assertTrue(num(lines.get("waypoint").get("fanout"), "server.cpuMicrosPerDelivery") > 0);
    }

    /** A port p such that p and p + 1 are free now (compare.sh gives its peers PORT_BASE + 1, + 2). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            try (ServerSocket a = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                p = a.getLocalPort();
            }
            if (p < 65535 && free(p) && free(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no two free ports in a row on 127.0.0.1");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
