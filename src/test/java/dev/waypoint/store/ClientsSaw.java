package dev.waypoint.store;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the clients of one room saw before the server died, and the check of a restored room against it: the crash
 * test's rule "every change any client saw is there; a change committed but not yet broadcast may be there too; a
 * refused one never is".
 *
 * <p>Clients hand every message they receive to {@link #record} (from their receiving threads). For each pin and
 * route it keeps the latest state any client saw (the one with the highest version: versions are the room's one
 * order), for version 1 clients the latest legacy pin location they were sent, and the sessions whose saving was
 * announced. {@link #check} then compares a restored room (its snapshot after the restart) with that, knowing which
 * requests were still unanswered when the server died (their changes may or may not be there).
 *
 * <p>Locations of {@code setPin} encode their sequence number ({@link #setPinLocation}), so that "the legacy pin is
 * where the version 1 client last saw it, or somewhere it was sent later" can be checked without versions.
 */
final class ClientsSaw {

    /** A request a writer sent: what it asked for, so that an unanswered one explains what may have been stored. */
    record Request(String ref, String kind, String target, String label) {
    }

    /** The latest state of a pin or route that some client saw: its JSON, or removed. */
    private record Seen(long version, boolean removed, JsonObject item, String client) {
    }

    static final String REFUSED = "REFUSED";
    private static final Set<String> STORED_CHANGES = Set.of("pinAdded", "pinUpdated", "pinRemoved", "routeAdded",
            "routeUpdated", "routeRemoved");
    private static final Set<String> OTHER_CHANGES = Set.of("participantJoined", "participantUpdated",
            "participantLeft", "meetupUpdated");

    final String room;
    private final Map<String, Seen> items = new HashMap<>();       // "pin:p1", "route:r2"
    private final Map<String, Long> lastVersionOf = new HashMap<>(); // per version 2 client: its last version
    private final Map<String, JsonObject> sessions = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();      // seen while recording (order, unknown messages)
    private long highestStoredChange;
    private long highestChange;
    private int highestSetPinSeenByVersion1 = -1;
    private int changesSeen;

    ClientsSaw(String room) {
        this.room = room;
    }

    /** The location of the {@code n}-th setPin (n >= 0): lng = -170 + n / 1000, lat fixed. */
    static String setPinLocation(int n) {
        return "{\"lat\":12.5,\"lng\":" + (-170 + n / 1000.0) + "}";
    }

    /** The sequence number of a setPin location (see {@link #setPinLocation}). */
    static int setPinIndex(JsonObject location) {
        return (int) Math.round((location.getJsonNumber("lng").doubleValue() + 170) * 1000);
    }

    /** A message {@code client} (speaking {@code protocol}) received. */
    synchronized void record(String client, int protocol, JsonObject message) {
        String type = message.getString("type");
        if (protocol < 2) {
            if (type.equals("pinUpdate")) {
                highestSetPinSeenByVersion1 = Math.max(highestSetPinSeenByVersion1,
                        setPinIndex(message.getJsonObject("location")));
            } else if (!type.equals("error") && !type.equals("pong")) {
                problems.add(client + " (version 1) received " + message);
            }
            return;
        }
        if (type.equals("snapshot")) {
            long version = message.getJsonNumber("version").longValue();
            if (!lastVersionOf.containsKey(client)) {
                lastVersionOf.put(client, version);
            }
            for (JsonValue pin : message.getJsonArray("pins")) {
                saw("pin", pin.asJsonObject(), client);
            }
            for (JsonValue route : message.getJsonArray("routes")) {
                saw("route", route.asJsonObject(), client);
            }
            highestChange = Math.max(highestChange, version);
            return;
        }
        if (!message.containsKey("version")) {
            switch (type) {
                case "sessionSaved" -> sessions.put(message.getJsonObject("session").getString("id"),
                        message.getJsonObject("session"));
                case "error", "pong", "sessions" -> { }
                default -> problems.add(client + " received an unexpected " + message);
            }
            return;
        }
        long version = message.getJsonNumber("version").longValue();
        Long last = lastVersionOf.put(client, version);
        if (last == null) {
            problems.add(client + " received a change before its snapshot: " + message);
        } else if (version != last + 1) {
            problems.add(client + " received version " + version + " after " + last + " (every change, in order, was"
                    + " expected): " + message);
        }
        highestChange = Math.max(highestChange, version);
        if (OTHER_CHANGES.contains(type)) {
            return;
        }
        if (!STORED_CHANGES.contains(type)) {
            problems.add(client + " received a change this scenario does not make: " + message);
            return;
        }
        changesSeen++;
        highestStoredChange = Math.max(highestStoredChange, version);
        switch (type) {
            case "pinAdded", "pinUpdated" -> saw("pin", message.getJsonObject("pin"), client);
            case "routeAdded", "routeUpdated" -> saw("route", message.getJsonObject("route"), client);
            case "pinRemoved" -> removed("pin:" + message.getString("id"), version, client);
            case "routeRemoved" -> removed("route:" + message.getString("id"), version, client);
            default -> throw new IllegalStateException(type);
        }
    }

    private void saw(String kind, JsonObject item, String client) {
        String key = kind + ":" + item.getString("id");
        long version = item.getJsonNumber("version").longValue();
        Seen current = items.get(key);
        if (current == null || current.version() < version) {
            items.put(key, new Seen(version, false, item, client));
        } else if (current.version() == version && !current.removed() && !current.item().equals(item)) {
            problems.add("two clients saw " + key + " at version " + version + " differently: " + current.item()
                    + " (" + current.client() + ") and " + item + " (" + client + ")");
        }
    }

    private void removed(String key, long version, String client) {
        Seen current = items.get(key);
        if (current == null || current.version() < version) {
            items.put(key, new Seen(version, true, null, client));
        }
    }

    /** Pin and route changes the clients saw (each counted once per client that saw it). */
    synchronized int changesSeen() {
        return changesSeen;
    }

    /** The highest version of a pin or route change any client saw. */
    synchronized long highestStoredChange() {
        return highestStoredChange;
    }

    /** The highest version of any change any client saw (participants included, which are not stored). */
    synchronized long highestChange() {
        return highestChange;
    }

    synchronized int highestSetPinSeenByVersion1() {
        return highestSetPinSeenByVersion1;
    }

    synchronized Map<String, JsonObject> sessionsSeen() {
        return Map.copyOf(sessions);
    }

    /** Pins and routes whose latest seen state is present (not removed), by "pin:ID" / "route:ID". */
    synchronized Set<String> presentItems() {
        Set<String> present = new java.util.TreeSet<>();
        items.forEach((key, seen) -> {
            if (!seen.removed()) {
                present.add(key);
            }
        });
        return present;
    }

    synchronized Set<String> removedItems() {
        Set<String> removed = new java.util.TreeSet<>();
        items.forEach((key, seen) -> {
            if (seen.removed()) {
                removed.add(key);
            }
        });
        return removed;
    }

    /**
     * What is wrong with the restored room, if anything.
     *
     * @param restoredVersion the room's version after the restart, before anyone joined
     * @param snapshot        the first snapshot after the restart (its pins and routes)
     * @param sessionsAfter   the room's saved sessions after the restart ({@code listSessions})
     * @param unanswered      requests the writers sent and got no answer to before the server died
     * @param highestSetPinSent the sequence number of the last setPin sent by a version 1 client, -1 if none
     */
    synchronized List<String> check(long restoredVersion, JsonObject snapshot, JsonArray sessionsAfter,
                                    Collection<Request> unanswered, int highestSetPinSent) {
        List<String> found = new ArrayList<>(problems);
        Map<String, JsonObject> restored = new TreeMap<>();
        snapshot.getJsonArray("pins").forEach(p -> restored.put("pin:" + p.asJsonObject().getString("id"),
                p.asJsonObject()));
        snapshot.getJsonArray("routes").forEach(r -> restored.put("route:" + r.asJsonObject().getString("id"),
                r.asJsonObject()));
        Map<String, Request> pendingByTarget = new HashMap<>();
        Map<String, Request> pendingByLabel = new HashMap<>();
        for (Request request : unanswered) {
            if (request.target() != null) {
                pendingByTarget.merge(request.target(), request,
                        (a, b) -> a.kind().startsWith("remove") ? a : b); // a removal explains an absence
            }
            if (request.label() != null) {
                pendingByLabel.put(request.label(), request);
            }
        }

        if (restoredVersion < highestStoredChange) {
            found.add(room + ": restored at version " + restoredVersion + ", but clients saw a change of version "
                    + highestStoredChange);
        }
        items.forEach((key, seen) -> {
            JsonObject now = restored.get(key);
            String id = key.substring(key.indexOf(':') + 1);
            if (seen.removed()) {
                if (now != null) {
                    found.add(room + ": " + key + " was seen removed at version " + seen.version()
                            + " (by " + seen.client() + ") but is back: " + now);
                }
                return;
            }
            if (now == null) {
                Request pending = pendingByTarget.get(id);
                if (pending == null || !pending.kind().startsWith("remove")) {
                    found.add(room + ": " + key + " was seen at version " + seen.version() + " (by " + seen.client()
                            + ") and is lost: " + seen.item());
                }
                return;
            }
            long version = now.getJsonNumber("version").longValue();
            if (version < seen.version()) {
                found.add(room + ": " + key + " is restored at version " + version + ", older than version "
                        + seen.version() + " that " + seen.client() + " saw: " + now + " instead of " + seen.item());
            } else if (version == seen.version() && !now.equals(seen.item())) {
                found.add(room + ": " + key + " at version " + version + " differs from what " + seen.client()
                        + " saw: " + now + " instead of " + seen.item());
            }
        });
        restored.forEach((key, item) -> {
            if (item.getJsonNumber("version").longValue() > restoredVersion) {
                found.add(room + ": " + key + " has version " + item.getJsonNumber("version") + ", after the room's "
                        + restoredVersion + ": " + item);
            }
            String label = item.getString("label", "");
            if (label.contains(REFUSED)) {
                found.add(room + ": a refused request left " + key + ": " + item);
            }
            boolean setPinMadeIt = key.equals("pin:legacy") && highestSetPinSent >= 0;
            if (!items.containsKey(key) && !pendingByLabel.containsKey(label) && !setPinMadeIt) {
                found.add(room + ": " + key + " is in the restored room, but no client saw it and no unanswered"
                        + " request made it: " + item);
            }
        });

        JsonObject legacy = restored.get("pin:legacy");
        if (highestSetPinSeenByVersion1 >= 0) {
            if (legacy == null) {
                found.add(room + ": the legacy pin is gone, though version 1 clients saw setPin #"
                        + highestSetPinSeenByVersion1);
            } else {
                int index = setPinIndex(legacy.getJsonObject("location"));
                if (index < highestSetPinSeenByVersion1 || index > highestSetPinSent) {
                    found.add(room + ": the legacy pin is at setPin #" + index + " but version 1 clients last saw #"
                            + highestSetPinSeenByVersion1 + " (and #" + highestSetPinSent + " was the last sent)");
                }
            }
        }

        Map<String, JsonObject> after = new HashMap<>();
        sessionsAfter.forEach(s -> after.put(s.asJsonObject().getString("id"), s.asJsonObject()));
        sessions.forEach((id, info) -> {
            if (!info.equals(after.get(id))) {
                found.add(room + ": session " + info + " was announced as saved, after the restart: " + after.get(id));
            }
        });
        after.values().stream().filter(s -> s.getString("name").contains(REFUSED))
                .forEach(s -> found.add(room + ": a refused saveSession left " + s));
        return found;
    }

    @Override
    public synchronized String toString() {
        return room + ": " + changesSeen + " pin/route changes seen, " + items.size() + " pins/routes ("
                + presentItems().size() + " present), highest version " + highestStoredChange + " (any change "
                + highestChange + "), setPin #" + highestSetPinSeenByVersion1 + " seen by version 1, "
                + sessions.size() + " sessions";
    }
}
