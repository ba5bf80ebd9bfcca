package dev.waypoint.cluster;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a client saw of a room's pins, read from its messages; shared by {@link GridRoomsTest} and {@link ClusterScenario}. */
final class PinLog {

    private PinLog() {
    }

    /** "version type pinId lat,lng" of every pin change (pinAdded, pinUpdated), in the order received. */
    static List<String> pinChanges(List<JsonObject> messages) {
        List<String> changes = new ArrayList<>();
        for (JsonObject m : messages) {
            String type = m.getString("type");
            if (type.equals("pinAdded") || type.equals("pinUpdated")) {
                JsonObject pin = m.getJsonObject("pin");
                changes.add(m.getJsonNumber("version").longValue() + " " + type + " " + pin.getString("id") + " " + where(pin));
            }
        }
        return changes;
    }

    /** The version of a line of {@link #pinChanges}. */
    static long version(String change) {
        return Long.parseLong(change.substring(0, change.indexOf(' ')));
    }

    /** "lat,lng" of a message or pin that has a location. */
    static String where(JsonObject holder) {
        JsonObject location = holder.getJsonObject("location");
        return location.getJsonNumber("lat").doubleValue() + "," + location.getJsonNumber("lng").doubleValue();
    }

    /** The ids of the pins in the room after these messages: snapshots, then additions and removals. */
    static Set<String> pinIds(List<JsonObject> messages) {
        Set<String> ids = new TreeSet<>();
        for (JsonObject m : messages) {
            switch (m.getString("type")) {
                case "snapshot" -> ids.addAll(ids(m));
                case "pinAdded" -> ids.add(m.getJsonObject("pin").getString("id"));
                case "pinRemoved" -> ids.remove(m.getString("id"));
                default -> { }
            }
        }
        return ids;
    }

    /** The ids of a snapshot's pins. */
    static Set<String> ids(JsonObject snapshot) {
        Set<String> ids = new TreeSet<>();
        snapshot.getJsonArray("pins").forEach(p -> ids.add(p.asJsonObject().getString("id")));
        return ids;
    }
}
