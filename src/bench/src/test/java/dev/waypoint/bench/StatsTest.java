package dev.waypoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Stats s = new Stats();
        for (int ms = 1000; ms >= 1; ms--) { // added out of order: the summary sorts
            s.add(ms * 1_000_000L);
        }
        Map<String, Object> summary = s.summaryMs();
        assertEquals(1000, summary.get("count"));
        assertEquals(500.0, summary.get("p50"));
        assertEquals(900.0, summary.get("p90"));
        assertEquals(990.0, summary.get("p99"));
        assertEquals(999.0, summary.get("p999"));
        assertEquals(1000.0, summary.get("max"));
        assertEquals(500.5, summary.get("mean"));
    }

    @Test
    void aSmallSampleHasItsMaximumAsP99() {
        Stats s = new Stats();
        for (long v : new long[] {3_000_000, 1_000_000, 2_000_000}) {
            s.add(v);
        }
        Map<String, Object> summary = s.summaryMs();
        assertEquals(2.0, summary.get("p50"));
        assertEquals(3.0, summary.get("p99"));
    }

    @Test
    void mergesPartsAndGrowsPastItsFirstArray() {
        Stats a = new Stats(), b = new Stats();
        for (int i = 0; i < 3000; i++) {
            a.add(1_000_000);
        }
        b.add(5_000_000);
        Stats merged = Stats.merge(List.of(a, b, new Stats()));
        assertEquals(3001, merged.size());
        assertEquals(5.0, merged.summaryMs().get("max"));
        assertEquals(1.0, merged.summaryMs().get("p99"));
    }

    @Test
    void anEmptySampleHasNoFigures() {
        Map<String, Object> summary = new Stats().summaryMs();
        assertEquals(0, summary.get("count"));
        assertNull(summary.get("p99"));
        assertNull(summary.get("max"));
    }
}
