package dev.waypoint.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessReportTest {

    private static ReadinessCheck check(String name, ReadinessCheck.Status status) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Status check() {
                return status;
            }
        };
    }

    @Test
    void readyWhenEveryCheckIsWithEachOnesStateAndDetail() {
        ReadinessReport report = ReadinessReport.of(List.of(
                check("rooms", ReadinessCheck.Status.ready("3 rooms, 5 connections")),
                check("storage", ReadinessCheck.Status.ready(""))));

        assertTrue(report.ready());
        assertEquals(Map.of("rooms", "UP: 3 rooms, 5 connections", "storage", "UP"), report.data());
    }

    @Test
    void oneCheckNotReadyMakesTheWholeNotReady() {
        ReadinessReport report = ReadinessReport.of(List.of(
                check("rooms", ReadinessCheck.Status.ready("1 rooms, 1 connections")),
                check("storage", ReadinessCheck.Status.notReady("database unreachable"))));

        assertFalse(report.ready());
        assertEquals("DOWN: database unreachable", report.data().get("storage"));
        assertEquals("UP: 1 rooms, 1 connections", report.data().get("rooms"));
    }

    @Test
    void aCheckThatThrowsIsNotReadyAndTheOthersAreStillReported() {
        ReadinessCheck broken = new ReadinessCheck() {
            @Override
            public String name() {
                return "cluster";
            }

            @Override
            public Status check() {
                throw new IllegalStateException("no members");
            }
        };

        ReadinessReport report = ReadinessReport.of(List.of(broken, check("rooms", ReadinessCheck.Status.ready(null))));

        assertFalse(report.ready());
        assertTrue(report.data().get("cluster").startsWith("DOWN: check failed: "), report.data().toString());
        assertTrue(report.data().get("cluster").contains("no members"), report.data().toString());
        assertEquals("UP", report.data().get("rooms"));
    }

    @Test
    void noChecksIsReady() {
        assertTrue(ReadinessReport.of(List.of()).ready());
    }
}
