package dev.waypoint.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text format of {@code /metrics} into series and values. A series is keyed by its name and
 * its labels in name order, without MicroProfile's {@code mp_scope} label (whose place in the label list differs
 * between servers): {@code waypoint_errors_total{code="malformed_json"}}.
 */
final class PrometheusText {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> series = new TreeMap<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int valueAt = line.lastIndexOf(' ');
            if (valueAt < 0) {
                continue;
            }
            String name;
            TreeSet<String> labels = new TreeSet<>();
            if (brace >= 0 && brace < valueAt) {
                name = line.substring(0, brace);
                Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (label.find()) {
                    if (!label.group(1).equals("mp_scope")) {
                        labels.add(label.group(1) + "=\"" + label.group(2) + "\"");
                    }
                }
            } else {
                name = line.substring(0, valueAt).strip();
            }
            String key = labels.isEmpty() ? name : name + "{" + String.join(",", labels) + "}";
            series.put(key, Double.parseDouble(line.substring(valueAt + 1).strip()));
        }
        return series;
    }

    static Map<String, Double> waypointOnly(Map<String, Double> series) {
        Map<String, Double> ours = new TreeMap<>(series);
        ours.keySet().removeIf(key -> !key.startsWith("waypoint_"));
        return ours;
    }
}
