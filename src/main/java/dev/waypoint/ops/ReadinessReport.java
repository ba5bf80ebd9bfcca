package dev.waypoint.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The combined answer of several {@link ReadinessCheck}s: ready only when every check is, with each check's state
 * and detail by name ({@code "rooms" -> "UP: 3 rooms, 5 connections"}). A check that throws counts as not ready,
 * with what it threw: a failing probe must not make the whole readiness endpoint fail.
 */
public record ReadinessReport(boolean ready, Map<String, String> data) {

    public static ReadinessReport of(Iterable<? extends ReadinessCheck> checks) {
        boolean ready = true;
        Map<String, String> data = new LinkedHashMap<>();
        for (ReadinessCheck check : checks) {
            ReadinessCheck.Status status;
            try {
                status = check.check();
            } catch (RuntimeException e) {
                status = ReadinessCheck.Status.notReady("check failed: " + e);
            }
            ready &= status.ready();
            String state = status.ready() ? "UP" : "DOWN";
            String detail = status.detail();
            data.put(check.name(), detail == null || detail.isEmpty() ? state : state + ": " + detail);
        }
        return new ReadinessReport(ready, Map.copyOf(data));
    }
}
