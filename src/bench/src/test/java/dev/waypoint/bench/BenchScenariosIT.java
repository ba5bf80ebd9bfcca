package dev.waypoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load generator as its users run it ({@code java -jar target/waypoint-bench.jar}), every scenario on a small
 * scale, against {@link DemoPeer} in this JVM (whose process is the "server" whose RSS and CPU it reads). Checks what
 * each line must say: how it measured, the client's own CPU, and figures that add up (every delivery owed arrives from
 * a server that sends them all; the ones a lossy server leaves out are counted as lost).
 */
class BenchScenariosIT {

    /** Small versions of every scenario: seconds, not minutes. */
    private static final List<String> SMALL = List.of("--rooms", "2", "--clients", "5", "--rate", "200",
            "--window", "8", "--warmup", "1", "--duration", "2", "--drain", "3", "--joins", "30", "--join-batch", "10",
            "--ping-clients", "2", "--idle-conns", "200", "--idle-rooms", "10", "--idle-hold", "1",
            "--slow-clients", "5", "--slow-rate", "200", "--slow-duration", "2", "--pause", "0", "--max-seconds", "300");

    @Test
    void everyScenarioReportsHowItMeasuredAndFiguresThatAddUp() throws Exception {
        try (DemoPeer peer = new DemoPeer(0, 0)) {
            Map<String, Object> lines = run(peer, "fanout,saturate,join,ping,idle,slow");
            assertEquals(List.of("fanout", "saturate", "join", "ping", "idle", "slow"), List.copyOf(lines.keySet()));
            for (Map.Entry<String, Object> e : lines.entrySet()) {
                Object line = e.getValue();
                assertNull(Json.get(line, "error"), e.getKey() + " failed: " + line);
                assertTrue(String.valueOf(Json.get(line, "method")).length() > 40, e.getKey() + " says how it measured");
                assertNotNull(Json.get(line, "params"), e.getKey() + " gives its parameters");
                assertEquals("peer", Json.get(line, "label"));
            }

            Object fanout = lines.get("fanout");
            long expected = num(fanout, "expectedDeliveries").longValue();
            // 2 rooms x 5 clients, 200 setPin/s for 2 s: about 400 setPins, each owed to 5 members.
            assertTrue(expected >= 5 * 300 && expected % 5 == 0, "deliveries owed: " + expected);
            assertEquals(expected, num(fanout, "receivedDeliveries").longValue());
            assertEquals(0, num(fanout, "lostDeliveries").longValue());
            assertEquals(0, num(fanout, "unexpectedFrames").longValue());
            assertEquals(expected, num(fanout, "latencyMs.count").longValue(), "one latency per delivery owed");
            assertOrderedPercentiles(fanout, "latencyMs");
            assertClientAndServerCpu(fanout);

            Object saturate = lines.get("saturate");
            assertTrue(num(saturate, "deliveriesPerSec") > 0);
            assertEquals(0, num(saturate, "lostDeliveries").longValue());
            assertEquals(0, num(saturate, "reclaimedSlots").longValue(), "every setPin in flight came back");
            assertEquals(8, num(saturate, "params.inFlightPerWriter").intValue());
            assertOrderedPercentiles(saturate, "latencyMs");
            assertClientAndServerCpu(saturate);

            Object join = lines.get("join");
            assertEquals(30, num(join, "joined").intValue());
            assertEquals(0, num(join, "noPinWithin10s").intValue());
            assertEquals(0, num(join, "failedToConnect").intValue());
            assertEquals(30, num(join, "latencyMs.count").intValue());
            assertOrderedPercentiles(join, "latencyMs");
            assertTrue(num(join, "handshakeMs.p50") <= num(join, "latencyMs.max"), "the handshake is part of a join");

            Object ping = lines.get("ping");
            long pings = num(ping, "pingsSent").longValue();
            assertTrue(pings >= 2 * 100, "2 clients pinging every 10 ms for 2 s: " + pings);
            assertEquals(pings, num(ping, "pongsReceived").longValue());
            assertEquals(0, num(ping, "lost").longValue());
            assertOrderedPercentiles(ping, "rttMs");

            Object idle = lines.get("idle");
            assertEquals(200, num(idle, "held").intValue());
            assertEquals(Boolean.TRUE, Json.get(idle, "allHeld"));
            assertNotNull(num(idle, "server.rssKiBPerConnection"), "RSS per connection of the server's process");

            Object slow = lines.get("slow");
            assertEquals(0, num(slow, "baseline.lostDeliveries").longValue());
            assertEquals(0, num(slow, "withSlow.lostDeliveries").longValue(), "the others lose nothing");
            assertTrue(num(slow, "othersP99RatioSlowVsBaseline") > 0);
            assertTrue(num(slow, "serverJvmLiveHeapKiBBaseline") > 0, "a JVM server's live heap is read");
            assertTrue(num(slow, "serverJvmLiveHeapKiBWithSlow") > 0);
            // This peer, like node-ws, never sheds a client that stops reading.
            assertEquals(Boolean.FALSE, Json.get(slow, "slowClientClosedByServer"));
            assertTrue(num(slow, "withSlow.slowClient.receivedAfterResume") > 0,
                    "the slow client's backlog reaches it once it reads again");
        }
    }

    @Test
    void deliveriesAServerLeavesOutAreCountedAsLost() throws Exception {
        try (DemoPeer lossy = new DemoPeer(0, 50)) {
            Object fanout = run(lossy, "fanout").get("fanout");
            assertNull(Json.get(fanout, "error"), String.valueOf(fanout));
            long expected = num(fanout, "expectedDeliveries").longValue();
            long lost = num(fanout, "lostDeliveries").longValue();
            // One in 50 of all deliveries is left out (warm-up and drain included), so about 1 in 50 of those owed.
            assertTrue(lost >= expected / 50 / 2, lost + " lost of " + expected);
            assertTrue(lost <= lossy.dropped(), lost + " lost, but the peer left out only " + lossy.dropped());
            assertEquals(expected - lost, num(fanout, "latencyMs.count").longValue(), "a latency per delivery received");
        }
    }

    @Test
    void refusesToLoadAnythingButLoopback() throws Exception {
        Process bench = new ProcessBuilder(java(), "-jar", jar().toString(), "--url", "ws://192.0.2.1:9/api/map",
                "--scenarios", "ping").redirectErrorStream(true).start();
        assertTrue(bench.waitFor(60, TimeUnit.SECONDS));
        String out = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, bench.exitValue(), out);
        assertTrue(out.contains("loopback"), out);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertOrderedPercentiles(Object line, String key) {
        double p50 = num(line, key + ".p50"), p90 = num(line, key + ".p90"), p99 = num(line, key + ".p99");
        double max = num(line, key + ".max");
        assertTrue(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max, key + ": " + Json.get(line, key));
    }

    private static void assertClientAndServerCpu(Object line) {
        assertTrue(num(line, "client.cpuCores") > 0, "the client reports its own CPU: " + Json.get(line, "client"));
        assertTrue(num(line, "server.cpuMicrosPerDelivery") > 0, "and the server's: " + Json.get(line, "server"));
    }

    static Double num(Object line, String path) {
        Double v = Json.num(line, path);
        assertNotNull(v, path + " missing in " + line);
        return v;
    }

    /** Runs the load generator's jar against the peer; its JSON lines by scenario. */
    static Map<String, Object> run(DemoPeer peer, String scenarios) throws IOException, InterruptedException {
        Path err = Files.createTempFile("bench", ".log");
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar().toString(),
                "--url", "ws://127.0.0.1:" + peer.port() + "/api/map", "--label", "peer",
                "--server-pid", Long.toString(ProcessHandle.current().pid()), "--scenarios", scenarios));
        command.addAll(SMALL);
        Process bench = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bench.waitFor(300, TimeUnit.SECONDS), "the load generator ends by itself");
        assertEquals(0, bench.exitValue(), "exit code; its log: " + Files.readString(err));
        Map<String, Object> byScenario = byScenario(List.of(out.split("\n")));
        assertFalse(byScenario.isEmpty(), "no JSON line; stdout: " + out + "\nlog: " + Files.readString(err));
        Files.delete(err);
        return byScenario;
    }

    /** The load generator's JSON lines (other lines skipped) by their scenario, in order. */
    static Map<String, Object> byScenario(List<String> lines) {
        Map<String, Object> byScenario = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                Object parsed = Json.parse(line);
                byScenario.put(String.valueOf(Json.get(parsed, "scenario")), parsed);
            }
        }
        return byScenario;
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The load generator as built by this project's package phase. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("basedir", "."), "target", "waypoint-bench.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn -f src/bench/pom.xml verify");
        return jar;
    }
}
