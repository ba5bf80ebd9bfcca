package dev.waypoint.store;

import dev.waypoint.testsupport.RecordingClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.waypoint.testsupport.PayaraMicroProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The crash test of durable rooms, on the real WAR in a separate Payara Micro process (issue 4: "a test that kills
 * the server process (kill -9) while clients are writing, starts it again, and checks that every change any client
 * saw is there; a change committed but not yet broadcast may be there too; a refused one never is"). The subclasses
 * say where the rooms are stored.
 *
 * <ol>
 *   <li><b>Crash.</b> In two rooms, version 2 writers add, move, relabel and remove pins and routes and save
 *   sessions, a version 1 client (the demo's) moves the legacy pin with {@code setPin}, and some requests of each are
 *   invalid and must be refused (labels {@value ClientsSaw#REFUSED}-...). Watchers of both versions only read. Every
 *   client records every message ({@link ClientsSaw}). While they write, the server is killed with SIGKILL, then
 *   started again on the same data, and each room is checked against what the clients saw
 *   ({@link ClientsSaw#check}), its version before anyone joins (the GeoJSON export, which does not join) included.
 *   A pin added after the restart must get an id no pin had before.</li>
 *   <li><b>Graceful restart.</b> On the recovered server, a few more changes and saved sessions (named and
 *   anonymous); everyone leaves; then a graceful stop (SIGTERM) and a start. Each room must come back exactly as it
 *   was: same version, same pins and routes (the GeoJSON export), same saved sessions; and a session saved before
 *   the restart restores the pins it held.</li>
 * </ol>
 *
 * <p>Rooms stay in memory throughout ({@code waypoint.rooms.idle-seconds} is an hour): an idle room is written
 * before it leaves memory, which would hide a lost change.
 */
abstract class CrashRecoveryScenario {

    /** Pin and route changes (summed over rooms, by version) to wait for before the kill. */
    private static final int CHANGES_BEFORE_KILL = 300;
    private static final Duration MAX_LOAD_BEFORE_KILL = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(20)).build();

    /** The server, configured with this subclass's storage (not started). */
    abstract PayaraMicroProcess server(String name);

    @Test
    void killedWhileClientsWriteThenStoppedGracefully() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ClientsSaw roomA = new ClientsSaw("crash-a-" + run);
        ClientsSaw roomB = new ClientsSaw("crash-b-" + run);
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Writers.Problems report = problems::add;

        try (PayaraMicroProcess server = server(getClass().getSimpleName())) {
            server.systemProperty("waypoint.rooms.idle-seconds", "3600");
            // The writers send as fast as the server answers, which on a fast server is above the default 20 messages
            // per second per connection (a valid setPin was once refused with rate_limited): this test is about
            // durability, so the abuse limit is raised as for the Arquillian servers (waypoint.it.serverOptions).
            server.systemProperty("waypoint.client.messages-per-second", "200");
            server.systemProperty("waypoint.client.message-burst", "400");
            server.start().awaitReady();
            URI base = server.baseUri();

            // ---- Phase 1: clients write; kill -9 while they do. ----
            long runMillis = MAX_LOAD_BEFORE_KILL.toMillis() + 60_000; // the loops end by themselves even without a kill
            List<Writers.Version2> writers = List.of(
                    new Writers.Version2("a1", roomA, report, 1, 100_000, runMillis, 4, true),
                    new Writers.Version2("a2", roomA, report, 2, 100_000, runMillis, 4, true),
                    new Writers.Version2("b1", roomB, report, 3, 100_000, runMillis, 4, true),
                    new Writers.Version2("b2", roomB, report, 4, 100_000, runMillis, 4, true));
            Writers.Version1 demo = new Writers.Version1("a-demo", roomA, report, 0, 100_000, runMillis, 4);
            List<RecordingClient> watchers = new ArrayList<>();
            watchers.add(watcher(base, roomA, "a-watch2", 2));
            watchers.add(watcher(base, roomA, "a-watch1", 1));
            watchers.add(watcher(base, roomB, "b-watch2", 2));
            for (Writers.Version2 writer : writers) {
                writer.connect(base, null);
            }
            demo.connect(base);

            List<Thread> threads = new ArrayList<>();
            Stream.concat(writers.stream(), Stream.of(demo)).forEach(w -> {
                Thread t = new Thread(w, "writer-" + w);
                t.setDaemon(true);
                threads.add(t);
            });
            threads.forEach(Thread::start);

            long loadStarted = System.nanoTime();
            long deadline = loadStarted + MAX_LOAD_BEFORE_KILL.toNanos();
            while (roomA.highestStoredChange() + roomB.highestStoredChange() < CHANGES_BEFORE_KILL) {
                if (System.nanoTime() > deadline) {
                    fail("the clients made only " + roomA + " / " + roomB + " in " + MAX_LOAD_BEFORE_KILL + "\n"
                            + server.logTail());
                }
                Writers.sleep(50);
            }
            for (Writers.Version2 writer : writers) {
                assertFalse(writer.finished(), writer + " stopped before the kill");
            }
            assertFalse(demo.finished(), demo + " stopped before the kill");

            assertEquals(137, server.kill(), "the server died of SIGKILL");

            for (Thread t : threads) {
                t.join(RecordingClient.WAIT.toMillis());
                assertFalse(t.isAlive(), t.getName() + " still runs after the kill");
            }
            for (RecordingClient watcher : watchers) {
                watcher.closed().get(RecordingClient.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
            System.out.println("[crash] killed after " + Duration.ofNanos(System.nanoTime() - loadStarted).toMillis()
                    + " ms of writing: " + roomA + "; " + roomB);
            writers.forEach(w -> System.out.println("[crash]   " + w));
            System.out.println("[crash]   " + demo);
            for (Writers.Version2 writer : writers) {
                assertTrue(writer.changesMade() > 0, writer + " made no change");
            }
            assertTrue(writers.stream().mapToInt(Writers.Version2::refusedAsExpected).sum() > 0,
                    "no invalid request was sent and refused: the test would not notice one that left something");
            assertTrue(demo.echoes() > 0 && demo.refusedAsExpected() > 0, demo + ": no setPin seen, or none refused");
            assertTrue(writers.stream().mapToInt(Writers.Version2::sessionsSaved).sum() > 0, "no session was saved");

            server.start().awaitReady();

            // ---- Phase 1 check: everything any client saw is there. ----
            List<String> lost = new ArrayList<>(problems);
            Map<ClientsSaw, RecordingClient> checkers = new LinkedHashMap<>();
            Map<ClientsSaw, JsonObject> snapshots = new HashMap<>();
            try {
                for (ClientsSaw room : List.of(roomA, roomB)) {
                    List<ClientsSaw.Request> unansweredHere = new ArrayList<>();
                    writers.stream().filter(w -> w.saw() == room).forEach(w -> unansweredHere.addAll(w.unanswered()));
                    long restoredVersion = exportedVersion(server, room.room); // loads the room; nobody joined yet
                    RecordingClient checker = RecordingClient.connect(base, room.room, "checker", 2);
                    checkers.put(room, checker);
                    JsonObject snapshot = checker.next("snapshot");
                    snapshots.put(room, snapshot);
                    assertEquals(restoredVersion + 1, snapshot.getJsonNumber("version").longValue(),
                            "the checker's join is the one change after the restart");
                    checker.send("{\"type\":\"listSessions\",\"ref\":\"list\"}");
                    JsonArray sessions = checker.answerTo("list").getJsonArray("sessions");
                    int lastSetPin = room == roomA ? demo.lastSent() : -1;
                    lost.addAll(room.check(restoredVersion, snapshot, sessions, unansweredHere, lastSetPin));
                    System.out.println("[crash] " + room.room + " restored at version " + restoredVersion + " with "
                            + snapshot.getJsonArray("pins").size() + " pins, " + snapshot.getJsonArray("routes").size()
                            + " routes, " + sessions.size() + " sessions; " + unansweredHere.size()
                            + " requests were unanswered at the kill");
                }
                if (!lost.isEmpty()) {
                    fail("after kill -9 and restart (" + getClass().getSimpleName() + "), " + lost.size()
                            + " problems:\n  " + String.join("\n  ", lost));
                }
                checkers.forEach((room, checker) -> assertNewIdsAreNew(checker, snapshots.get(room), room));
            } finally {
                checkers.values().forEach(RecordingClient::close);
            }

            // ---- Phase 2: a few more changes and sessions, everyone leaves, graceful stop, start. ----
            gracefulRestart(server, roomA.room, roomB.room, demo.lastSent() + 1);
        }
    }

    private static RecordingClient watcher(URI base, ClientsSaw room, String name, int protocol) {
        RecordingClient client = RecordingClient.connect(base, room.room, name, protocol,
                message -> room.record(name, protocol, message));
        if (protocol >= 2) {
            client.next("snapshot");
        }
        return client;
    }

    /** A pin and a route added now get ids that no pin or route had before the crash (ids are never reused). */
    private static void assertNewIdsAreNew(RecordingClient checker, JsonObject snapshot, ClientsSaw room) {
        long highestPin = 0;
        long highestRoute = 0;
        for (String key : concat(room.presentItems(), room.removedItems(), snapshot)) {
            long n = key.matches("(pin:p|route:r)\\d+") ? Long.parseLong(key.replaceAll("\\D", "")) : 0;
            if (key.startsWith("pin:")) {
                highestPin = Math.max(highestPin, n);
            } else {
                highestRoute = Math.max(highestRoute, n);
            }
        }
        checker.send("{\"type\":\"addPin\",\"ref\":\"new-pin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2},"
                + "\"label\":\"after the crash\"}}");
        JsonObject added = checker.answerTo("new-pin");
        assertEquals("pinAdded", added.getString("type"), added.toString());
        String pinId = added.getJsonObject("pin").getString("id");
        assertTrue(Long.parseLong(pinId.substring(1)) > highestPin, pinId + " after p" + highestPin);
        checker.send("{\"type\":\"addRoute\",\"ref\":\"new-route\",\"route\":{\"points\":[{\"pinId\":\"" + pinId
                + "\"},{\"lat\":3,\"lng\":4}]}}");
        JsonObject route = checker.answerTo("new-route");
        assertEquals("routeAdded", route.getString("type"), route.toString());
        String routeId = route.getJsonObject("route").getString("id");
        assertTrue(Long.parseLong(routeId.substring(1)) > highestRoute, routeId + " after r" + highestRoute);
    }

    private static List<String> concat(java.util.Set<String> a, java.util.Set<String> b, JsonObject snapshot) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        snapshot.getJsonArray("pins").forEach(p -> all.add("pin:" + p.asJsonObject().getString("id")));
        snapshot.getJsonArray("routes").forEach(r -> all.add("route:" + r.asJsonObject().getString("id")));
        return all;
    }

    /**
     * Phase 2: changes and sessions, then everyone leaves; the rooms as exported must be the same after a graceful
     * stop and a start, and a session saved before the stop restores what it held.
     */
    private void gracefulRestart(PayaraMicroProcess server, String roomA, String roomB, int nextSetPin)
            throws Exception {
        URI base = server.baseUri();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ClientsSaw sawA = new ClientsSaw(roomA);
        ClientsSaw sawB = new ClientsSaw(roomB);
        Writers.Version2 ana = new Writers.Version2("ga", sawA, problems::add, 11, 40, 120_000, 4, true)
                .connect(base, "Ana");
        Writers.Version2 anonymous = new Writers.Version2("gb", sawB, problems::add, 12, 40, 120_000, 4, true)
                .connect(base, null);
        Writers.Version1 demo = new Writers.Version1("g-demo", sawA, problems::add, nextSetPin, 20, 120_000, 4)
                .connect(base);
        RecordingClient watcher = watcher(base, sawA, "g-watch", 2);
        runToEnd(ana, anonymous, demo);

        // Sessions: one named (the hello above), one anonymous; then more changes, so they differ from the room.
        JsonObject savedA = request(ana.client(), "{\"type\":\"saveSession\",\"name\":\"before restart\",\"ref\":\"s\"}");
        assertEquals("Ana", savedA.getJsonObject("session").getString("author"), savedA.toString());
        JsonObject savedB = request(anonymous.client(), "{\"type\":\"saveSession\",\"name\":\"anon\",\"ref\":\"s\"}");
        assertEquals("anonymous", savedB.getJsonObject("session").getString("author"), savedB.toString());
        JsonObject pinsAtSave = request(ana.client(), "{\"type\":\"sync\",\"ref\":\"at-save\"}");
        JsonObject changed = request(ana.client(), "{\"type\":\"addPin\",\"ref\":\"after-save\",\"pin\":{\"location\""
                + ":{\"lat\":5,\"lng\":6},\"label\":\"after the save\"}}");
        assertEquals("pinAdded", changed.getString("type"), changed.toString());

        long versionA = request(watcher, "{\"type\":\"sync\",\"ref\":\"end\"}").getJsonNumber("version").longValue();
        long versionB = request(anonymous.client(), "{\"type\":\"sync\",\"ref\":\"end\"}").getJsonNumber("version")
                .longValue();
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        List.of(ana.client(), demo.client(), watcher, anonymous.client()).forEach(RecordingClient::close);
        // Each connection's leave is a change of its room: A had three, B one.
        JsonObject exportA = awaitExportedVersion(server, roomA, versionA + 3);
        JsonObject exportB = awaitExportedVersion(server, roomB, versionB + 1);
        String sessionsA = get(server, "api/rooms/" + roomA + "/sessions");
        String sessionsB = get(server, "api/rooms/" + roomB + "/sessions");

        assertTrue(server.stop() != 137, "a graceful stop");
        server.start().awaitReady();

        assertSameRoom(exportA, export(server, roomA));
        assertSameRoom(exportB, export(server, roomB));
        assertEquals(jsonValue(sessionsA), jsonValue(get(server, "api/rooms/" + roomA + "/sessions")),
                "the saved sessions of " + roomA + " after a graceful restart");
        assertEquals(jsonValue(sessionsB), jsonValue(get(server, "api/rooms/" + roomB + "/sessions")),
                "the saved sessions of " + roomB + " after a graceful restart");
        assertTrue(jsonValue(sessionsA).asJsonArray().stream()
                .anyMatch(s -> s.asJsonObject().equals(savedA.getJsonObject("session"))), sessionsA);
        assertTrue(jsonValue(sessionsB).asJsonArray().stream()
                .anyMatch(s -> s.asJsonObject().equals(savedB.getJsonObject("session"))), sessionsB);

        try (RecordingClient client = RecordingClient.connect(base, roomA, "after-restart", 2)) {
            JsonObject snapshot = client.next("snapshot");
            assertEquals(exportA.getJsonObject("waypoint").getJsonNumber("version").longValue() + 1,
                    snapshot.getJsonNumber("version").longValue());
            String sessionId = savedA.getJsonObject("session").getString("id");
            JsonObject restored = request(client, "{\"type\":\"restoreSession\",\"sessionId\":\"" + sessionId
                    + "\",\"ref\":\"restore\"}");
            assertEquals("roomRestored", restored.getString("type"), restored.toString());
            assertEquals(withoutVersions(pinsAtSave.getJsonArray("pins")), withoutVersions(restored.getJsonArray("pins")),
                    "the session saved before the restart restores the pins it held");
            assertEquals(withoutVersions(pinsAtSave.getJsonArray("routes")),
                    withoutVersions(restored.getJsonArray("routes")));
        }
    }

    private static void runToEnd(Writers.Version2 a, Writers.Version2 b, Writers.Version1 demo) throws Exception {
        List<Thread> threads = Stream.of(a, b, demo).map(Thread::new).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(3).toMillis());
            assertFalse(t.isAlive(), "a writer did not finish");
        }
        a.awaitAnswers();
        b.awaitAnswers();
        demo.awaitAnswers();
    }

    private static JsonObject request(RecordingClient client, String request) {
        String ref = Json.createReader(new StringReader(request)).readObject().getString("ref");
        client.send(request);
        return client.answerTo(ref);
    }

    /** Pins or routes by id, without their versions (a restore gives them the restore's version). */
    private static Map<String, JsonObject> withoutVersions(JsonArray items) {
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonValue item : items) {
            byId.put(item.asJsonObject().getString("id"),
                    Json.createObjectBuilder(item.asJsonObject()).remove("version").build());
        }
        return byId;
    }

    /** Both exports hold the same room: the same version, and the same features (in any order). */
    private static void assertSameRoom(JsonObject before, JsonObject after) {
        assertEquals(before.getJsonObject("waypoint"), after.getJsonObject("waypoint"),
                "the room's version after a graceful restart");
        assertEquals(features(before), features(after), "the room's pins and routes after a graceful restart");
    }

    private static Map<String, JsonObject> features(JsonObject export) {
        Map<String, JsonObject> byId = new HashMap<>();
        export.getJsonArray("features").forEach(f -> byId.put(f.asJsonObject().getString("id"), f.asJsonObject()));
        return byId;
    }

    private static JsonObject awaitExportedVersion(PayaraMicroProcess server, String room, long version)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RecordingClient.WAIT.toNanos();
        while (true) {
            JsonObject export = export(server, room);
            long now = export.getJsonObject("waypoint").getJsonNumber("version").longValue();
            if (now == version) {
                return export;
            }
            if (now > version || System.nanoTime() > deadline) {
                fail(room + " is at version " + now + ", expected " + version + " once everyone left");
            }
            Writers.sleep(50);
        }
    }

    private static long exportedVersion(PayaraMicroProcess server, String room) throws IOException, InterruptedException {
        return export(server, room).getJsonObject("waypoint").getJsonNumber("version").longValue();
    }

    /** The room's GeoJSON export: reads the room as it is in memory without joining it. */
    private static JsonObject export(PayaraMicroProcess server, String room) throws IOException, InterruptedException {
        return json(get(server, "api/rooms/" + room + "/geojson"));
    }

    private static String get(PayaraMicroProcess server, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(RecordingClient.WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static JsonValue jsonValue(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }
}
