package dev.waypoint.cluster;

import static dev.waypoint.cluster.PinLog.ids;
import static dev.waypoint.cluster.PinLog.pinChanges;
import static dev.waypoint.cluster.PinLog.pinIds;
import static dev.waypoint.cluster.PinLog.where;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.testsupport.PayaraMicroProcess;
import dev.waypoint.testsupport.RecordingClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two Payara Micro instances started as the README starts a cluster (on loopback ports, TCP-IP join, phone home off),
 * with the rooms' storage a subclass chooses (the grid, or one PostgreSQL database for both). Clients of one room on both instances, concurrent writers on
 * both, identical sequences at every client; HTTP on the instance that does not own the room; then the owner is
 * killed (kill -9) and the survivor's clients, the killed instance's clients reconnecting, and a late joiner still
 * have everything anyone saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterScenario {

    private static final String ROOM = "cluster-it";
    private static final int WRITES_PER_WRITER = 60;
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private PayaraMicroProcess a;
    private PayaraMicroProcess b;

    /** Where the instances keep rooms: settings added to both. */
    abstract PayaraMicroProcess withStorage(PayaraMicroProcess instance);

    /** What the instances' log says about their storage. */
    abstract String storageLogLine();

    @BeforeAll
    void startCluster() {
        List<Integer> gridPorts = List.of(PayaraMicroProcess.freePort(), PayaraMicroProcess.freePort());
        String name = "waypoint-it-" + UUID.randomUUID().toString().substring(0, 8);
        a = instance("cluster-a", name, gridPorts, 0).start();
        b = instance("cluster-b", name, gridPorts, 1).start();
        a.awaitReady(List.of(b)); // a server that does not answer is thread-dumped with its peer (target/hang-dumps)
        b.awaitReady(List.of(a));
    }

    private PayaraMicroProcess instance(String processName, String cluster, List<Integer> gridPorts, int own) {
        return withStorage(new PayaraMicroProcess(getClass().getSimpleName() + "-" + processName))
                .cluster(cluster, gridPorts, own)
                // The load of this test is above the per-connection message rate a public server wants.
                .systemProperty("waypoint.client.messages-per-second", "500")
                .systemProperty("waypoint.client.message-burst", "1000");
    }

    @AfterAll
    void stop() {
        for (PayaraMicroProcess instance : new PayaraMicroProcess[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void oneRoomAcrossTwoInstancesSurvivesTheLossOfItsOwner() throws Exception {
        // The first client claims the room for instance a.
        List<RecordingClient> watchers = new ArrayList<>();
        watchers.add(RecordingClient.connect(a.baseUri(), ROOM, "watcher-a0", 2));
        watchers.get(0).next("snapshot");
        assertTrue(logOf(a).contains("Clustered on the data grid"), "instance a runs clustered");
        assertTrue(logOf(b).contains(storageLogLine()), "instance b keeps rooms as configured");
        List<RecordingClient> demoClients = new ArrayList<>();
        for (PayaraMicroProcess instance : List.of(a, b)) {
            String at = instance == a ? "a" : "b";
            watchers.add(RecordingClient.connect(instance.baseUri(), ROOM, "watcher-" + at + "1", 2));
            demoClients.add(RecordingClient.connect(instance.baseUri(), ROOM, "demo-" + at, 1));
        }

        // Writers on both instances at once: version 2 pins and the demo's setPin.
        List<RecordingClient> writers = List.of(
                RecordingClient.connect(a.baseUri(), ROOM, "writer-a2", 2), RecordingClient.connect(a.baseUri(), ROOM, "writer-a1", 1),
                RecordingClient.connect(b.baseUri(), ROOM, "writer-b2", 2), RecordingClient.connect(b.baseUri(), ROOM, "writer-b1", 1));
        // A join on b reaches the room's owner through the grid: the room's first client sees every other one join
        // before anyone writes, so that each watcher's snapshot comes before every change.
        int others = watchers.size() - 1 + demoClients.size() + writers.size();
        await(watchers.get(0), "every client in the room", m -> count(m, "participantJoined") == others);
        ExecutorService threads = Executors.newFixedThreadPool(writers.size());
        List<Future<?>> sending = new ArrayList<>();
        for (int w = 0; w < writers.size(); w++) {
            RecordingClient writer = writers.get(w);
            int n = w;
            sending.add(threads.submit(() -> {
                for (int i = 0; i < WRITES_PER_WRITER; i++) {
                    double lat = n * 10 + i * 0.1, lng = i * 0.2;
                    writer.send(writer.protocol == 2
                            ? "{\"type\":\"addPin\",\"ref\":\"" + writer.name + "-" + i + "\",\"pin\":{\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "}}}"
                            : "{\"type\":\"setPin\",\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "}}");
                }
                return null;
            }));
        }
        for (Future<?> f : sending) {
            f.get();
        }
        threads.shutdown();

        int changes = writers.size() * WRITES_PER_WRITER;
        List<String> reference = null;
        for (RecordingClient watcher : watchers) {
            await(watcher, "every pin change", m -> count(m, "pinAdded", "pinUpdated") == changes);
            List<String> order = pinChanges(watcher.received());
            if (reference == null) {
                reference = order;
            } else {
                assertEquals(reference, order, watcher.name + " sees the room's one order");
            }
        }
        List<String> legacyMoves = reference.stream().filter(c -> c.contains(" legacy ")).map(c -> c.substring(c.lastIndexOf(' ') + 1)).toList();
        assertEquals(2 * WRITES_PER_WRITER, legacyMoves.size());
        for (RecordingClient demo : demoClients) {
            await(demo, "every pinUpdate", m -> count(m, "pinUpdate") == legacyMoves.size());
            assertEquals(legacyMoves, demo.received().stream().filter(m -> m.getString("type").equals("pinUpdate"))
                    .map(PinLog::where).toList(), demo.name + " sees the demo's pin move in the room's order");
        }

        // HTTP at the instance that does not own the room runs at the owner.
        HttpResponse<String> saved = HTTP.send(HttpRequest.newBuilder(b.baseUri().resolve("api/rooms/" + ROOM + "/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"before the crash\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, saved.statusCode(), saved.body());
        watchers.get(0).next("sessionSaved");

        Set<String> seen = pinIds(watchers.get(0).received());
        assertEquals(2 * WRITES_PER_WRITER + 1, seen.size(), "every addPin and the demo's pin");

        assertTrue(readiness(b).matches("(?s).*\"cluster\"\\s*:\\s*\"UP: 2 members\".*"), readiness(b));

        // The owner dies.
        long killedAt = System.nanoTime();
        a.kill();

        // b's clients move to the room's new owner (b) and get the room again, with everything they saw.
        RecordingClient watcherB = watchers.get(1).name.endsWith("b1") ? watchers.get(1) : watchers.get(2);
        await(watcherB, "the room again after its owner died", m -> count(m, "snapshot") == 2);
        long movedAfterMillis = (System.nanoTime() - killedAt) / 1_000_000;
        JsonObject again = watcherB.received().stream().filter(m -> m.getString("type").equals("snapshot")).toList().get(1);
        assertEquals(seen, ids(again), "nothing any client saw is lost");
        assertTrue(again.getJsonNumber("version").longValue() >= lastStoredVersion(reference));
        RecordingClient demoB = demoClients.get(1);
        await(demoB, "the pin again", m -> count(m, "pinUpdate") == legacyMoves.size() + 1);
        System.out.printf(getClass().getSimpleName() + ": clients of the killed owner's room were moved %d ms after kill -9%n", movedAfterMillis);

        // a's clients reconnect to b and get everything; a late joiner too; the survivor carries on.
        RecordingClient reconnected = RecordingClient.connect(b.baseUri(), ROOM, "reconnected-a0", 2);
        assertEquals(seen, ids(reconnected.next("snapshot")));
        RecordingClient demoReconnected = RecordingClient.connect(b.baseUri(), ROOM, "reconnected-demo-a", 1);
        assertEquals(legacyMoves.get(legacyMoves.size() - 1), where(demoReconnected.next("pinUpdate")));
        watcherB.send("{\"type\":\"setPin\",\"ref\":\"after\",\"location\":{\"lat\":-33.9,\"lng\":151.2}}");
        assertEquals("-33.9,151.2", where(demoReconnected.next("pinUpdate")));
        assertEquals("-33.9,151.2", where(reconnected.next("pinUpdated").getJsonObject("pin")));
        RecordingClient late = RecordingClient.connect(b.baseUri(), ROOM, "late", 2);
        JsonObject snapshot = late.next("snapshot");
        assertEquals(seen, ids(snapshot));
        assertTrue(snapshot.getJsonNumber("version").longValue() > lastStoredVersion(reference),
                "the version goes on from the last stored change (and the setPin after it), not from zero");
        HttpResponse<String> sessions = HTTP.send(HttpRequest.newBuilder(b.baseUri().resolve("api/rooms/" + ROOM + "/sessions"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(sessions.body().contains("before the crash"), "the saved session is kept: " + sessions.body());
        assertTrue(readiness(b).matches("(?s).*\"cluster\"\\s*:\\s*\"UP: 1 member\".*"), readiness(b));
        for (RecordingClient client : List.of(reconnected, demoReconnected, late)) {
            client.close();
        }
    }

    private static String readiness(PayaraMicroProcess instance) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(instance.baseUri().resolve("/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String logOf(PayaraMicroProcess instance) {
        try {
            return java.nio.file.Files.readString(instance.logFile());
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void await(RecordingClient client, String what, Predicate<List<JsonObject>> done) throws InterruptedException {
        long deadline = System.nanoTime() + RecordingClient.WAIT.toNanos() * 2;
        while (!done.test(client.received())) {
            if (System.nanoTime() > deadline) {
                List<JsonObject> got = client.received();
                throw new AssertionError(client.name + ": no " + what + "; received " + got.size() + ", the last "
                        + (got.isEmpty() ? "none" : got.get(got.size() - 1)));
            }
            Thread.sleep(50);
        }
    }

    private static long count(List<JsonObject> messages, String... types) {
        List<String> wanted = List.of(types);
        return messages.stream().filter(m -> wanted.contains(m.getString("type"))).count();
    }

    private static long lastStoredVersion(List<String> changes) {
        String last = changes.get(changes.size() - 1);
        return PinLog.version(last);
    }
}
