package dev.waypoint.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareTest {

    private static Map<String, Object> lines(String... jsonLines) {
        return BenchScenariosIT.byScenario(List.of(jsonLines));
    }

    @Test
    void dividesTheBasePeersFigureByEachOthers() {
        Map<String, Map<String, Object>> byPeer = new LinkedHashMap<>();
        byPeer.put("node-ws", lines(
                "{\"scenario\":\"saturate\",\"label\":\"node-ws\",\"deliveriesPerSec\":100000,\"client\":{\"otherProcessesCores\":0.1}}",
                "{\"scenario\":\"join\",\"label\":\"node-ws\",\"latencyMs\":{\"p50\":1.0,\"p99\":4.0}}"));
        byPeer.put("waypoint", lines(
                "{\"scenario\":\"saturate\",\"label\":\"waypoint\",\"deliveriesPerSec\":230000,\"client\":{\"otherProcessesCores\":0.6}}",
                "{\"scenario\":\"join\",\"label\":\"waypoint\",\"latencyMs\":{\"p50\":2.0,\"p99\":6.5}}",
                "{\"scenario\":\"ping\",\"label\":\"waypoint\",\"error\":\"java.net.ConnectException\"}"));
        String table = Compare.table("waypoint", byPeer);

        assertTrue(table.startsWith("| metric | waypoint | node-ws | waypoint/node-ws |\n"), table);
        // Higher is better is said; a figure taken while other processes used the machine is starred.
        assertTrue(table.contains("| saturate deliveries/s (higher is better) | 230000* | 100000 | 2.30 |"), table);
        assertTrue(table.contains("| join p99 ms | 6.500 | 4.000 | 1.63 |"), table);
        assertTrue(table.contains("| join p50 ms | 2.000 | 1.000 | 2.00 |"), table);
        // No row for a figure no peer has; a scenario's error is printed.
        assertFalse(table.contains("fanout"), table);
        assertTrue(table.contains("waypoint ping: ERROR java.net.ConnectException"), table);
    }

    @Test
    void aFigureOnlyOnePeerHasGetsNoRatio() {
        Map<String, Map<String, Object>> byPeer = new LinkedHashMap<>();
        byPeer.put("waypoint", lines("{\"scenario\":\"idle10k\",\"label\":\"waypoint\",\"held\":10000}"));
        byPeer.put("seed-do", lines("{\"scenario\":\"ping\",\"label\":\"seed-do\",\"rttMs\":{\"p50\":1.5}}"));
        String table = Compare.table("waypoint", byPeer);
        assertTrue(table.contains("| idle 10k held (higher is better) | 10000 | - | - |"), table);
        assertTrue(table.contains("| ping RTT p50 ms | - | 1.500 | - |"), table);
    }
}
