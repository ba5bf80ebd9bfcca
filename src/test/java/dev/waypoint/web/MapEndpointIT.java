package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real WAR on a real Payara Micro, with real WebSocket clients: the demo's protocol, bad input, limits and
 * ordering as a client sees them. Each test uses rooms of its own, so tests do not depend on each other.
 */
@ExtendWith(ArquillianExtension.class)
class MapEndpointIT {

    private static final Duration QUIET = Duration.ofMillis(500);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    private static String freshRoom() {
        return "it-" + UUID.randomUUID();
    }

    private static String pinUpdate(double lat, double lng) {
        return "{\"type\":\"pinUpdate\",\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "}}";
    }

    @Test
    void pingIsAnsweredWithPongToThatSocketOnly() throws Exception {
        String room = freshRoom();
        try (TestClient pinger = TestClient.connect(base, room); TestClient other = TestClient.connect(base, room)) {
            pinger.send("{\"type\":\"ping\",\"id\":\"x\",\"clientTime\":123}");
            assertEquals("{\"type\":\"pong\",\"id\":\"x\",\"clientTime\":123}", pinger.nextFrame());
            pinger.send("{\"type\":\"ping\"}");
            assertEquals("{\"type\":\"pong\",\"id\":\"\",\"clientTime\":0}", pinger.nextFrame());
            other.assertNothingWithin(QUIET);
        }
    }

    @Test
    void setPinIsBroadcastToEveryConnectionIncludingTheSender() {
        String room = freshRoom();
        try (TestClient sender = TestClient.connect(base, room); TestClient other = TestClient.connect(base, room)) {
            sender.setPin(40.7128, -74.006);
            assertEquals(pinUpdate(40.7128, -74.006), sender.nextFrame());
            assertEquals(pinUpdate(40.7128, -74.006), other.nextFrame());
        }
    }

    @Test
    void locationKeepsLatAndLngOnlyAndLongitudeIsWrapped() {
        try (TestClient client = TestClient.connect(base, freshRoom())) {
            client.send("{\"type\":\"setPin\",\"location\":{\"lat\":10,\"lng\":190,\"note\":\"x\"}}");
            assertEquals(pinUpdate(10.0, -170.0), client.nextFrame());
        }
    }

    @Test
    void roomsAreIsolated() throws Exception {
        try (TestClient inA = TestClient.connect(base, freshRoom()); TestClient inB = TestClient.connect(base, freshRoom())) {
            inA.setPin(1, 2);
            assertEquals(pinUpdate(1.0, 2.0), inA.nextFrame());
            inB.assertNothingWithin(QUIET);
        }
    }

    @Test
    void lateJoinerReceivesTheCurrentPinAsItsFirstMessage() {
        String room = freshRoom();
        try (TestClient early = TestClient.connect(base, room)) {
            early.setPin(1, 1).setPin(2, 2);
            early.nextFrames(2);
            try (TestClient late = TestClient.connect(base, room)) {
                assertEquals(pinUpdate(2.0, 2.0), late.nextFrame());
            }
        }
    }

    @Test
    void missingAndEmptyIdMeanTheDefaultRoom() {
        try (TestClient noId = TestClient.connect(base, null);
             TestClient emptyId = TestClient.connect(base, "");
             TestClient named = TestClient.connect(base, "default-map")) {
            double lat = Math.random() * 10; // the default room is shared by the whole test run
            noId.setPin(lat, 3);
            assertEquals(pinUpdate(lat, 3.0), noId.nextFrame());
            assertEquals(pinUpdate(lat, 3.0), lastOf(emptyId, pinUpdate(lat, 3.0)));
            assertEquals(pinUpdate(lat, 3.0), lastOf(named, pinUpdate(lat, 3.0)));
        }
    }

    /** Reads frames until {@code expected} (a connection to a shared room may first get its earlier pin). */
    private static String lastOf(TestClient client, String expected) {
        String frame;
        do {
            frame = client.nextFrame();
        } while (!frame.equals(expected));
        return frame;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                                | malformed_json",
        "[1,2]                                                   | not_an_object",
        "{\"id\":1}                                              | missing_type",
        "{\"type\":\"teleport\"}                                 | unknown_type",
        "{\"type\":\"pinUpdate\",\"location\":{\"lat\":1,\"lng\":1}} | unknown_type",
        "{\"type\":\"setPin\"}                                   | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":\"1\",\"lng\":2}} | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":1e999,\"lng\":2}} | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":95,\"lng\":2}}   | invalid_location",
        "{\"type\":\"ping\",\"clientTime\":\"now\"}              | invalid_ping",
    })
    void badInputIsAnsweredToItsSenderAndTheConnectionStaysOpen(String input, String code) throws Exception {
        String room = freshRoom();
        try (TestClient sender = TestClient.connect(base, room); TestClient other = TestClient.connect(base, room)) {
            sender.send(input);
            JsonObject error = sender.next();
            assertEquals("error", error.getString("type"));
            assertEquals(code, error.getString("code"));
            assertTrue(!error.getString("message").isBlank());
            sender.assertAlive();
            other.assertNothingWithin(QUIET);
            other.assertAlive();
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedAndTheServerCarriesOn() {
        try (TestClient client = TestClient.connect(base, freshRoom())) {
            client.send("{\"type\":\"ping\",\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}");
            assertEquals("nesting_too_deep", client.next().getString("code"));
            client.assertAlive();
        }
    }

    @Test
    void binaryFrameIsAnsweredWithAnErrorAndTheConnectionStaysOpen() {
        try (TestClient client = TestClient.connect(base, freshRoom())) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertEquals("binary_not_supported", client.next().getString("code"));
            client.assertAlive();
        }
    }

    @Test
    void oversizedFrameClosesOnlyThatConnectionWith1009() {
        String room = freshRoom();
        try (TestClient big = TestClient.connect(base, room); TestClient other = TestClient.connect(base, room)) {
            big.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertEquals(1009, big.closeCode());
            other.setPin(5, 5);
            assertEquals(pinUpdate(5.0, 5.0), other.nextFrame());
        }
    }

    @Test
    void oversizedSingleFrameAsBrowsersSendItClosesWith1009() throws Exception {
        String room = freshRoom();
        try (RawClient big = new RawClient(TestClient.endpoint(base, room)); TestClient other = TestClient.connect(base, room)) {
            big.sendSingleFrame("{\"type\":\"ping\",\"id\":\"" + "é".repeat(33 * 1024) + "\"}"); // 66 KiB in UTF-8
            assertEquals(1009, big.readUntilClose());
            other.assertAlive();
        }
    }

    @Test
    void frameJustUnderTheLimitIsAccepted() throws Exception {
        try (TestClient client = TestClient.connect(base, freshRoom())) {
            String id = "x".repeat(64 * 1024 - 60);
            client.send("{\"type\":\"ping\",\"id\":\"" + id + "\",\"clientTime\":1}");
            assertEquals("{\"type\":\"pong\",\"id\":\"" + id + "\",\"clientTime\":1}", client.nextFrame());
        }
    }

    @Test
    void tooLongRoomIdIsRefusedWithAnError() {
        try (TestClient client = TestClient.connect(base, "r".repeat(300))) {
            assertEquals("invalid_room", client.next().getString("code"));
            assertEquals(1008, client.closeCode());
        }
    }

    @Test
    void concurrentWritersEndWithIdenticalSequencesAtEveryClient() throws Exception {
        String room = freshRoom();
        int writers = 4;
        int readersOnly = 3;
        int perWriter = 300;
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < writers + readersOnly; i++) {
            clients.add(TestClient.connect(base, room));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                TestClient writer = clients.get(w);
                int lat = w + 1;
                sends.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        writer.setPin(lat, i * 0.5);
                    }
                }));
            }
            for (Future<?> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
            int total = writers * perWriter;
            List<String> reference = clients.get(0).nextFrames(total);
            for (TestClient client : clients.subList(1, clients.size())) {
                assertEquals(reference, client.nextFrames(total), "every client sees the room's one order");
            }
            for (int w = 0; w < writers; w++) {
                String lat = "\"lat\":" + (double) (w + 1) + ",";
                List<String> ofWriter = reference.stream().filter(f -> f.contains(lat)).collect(Collectors.toList());
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < perWriter; i++) {
                    expected.add(pinUpdate(w + 1, i * 0.5));
                }
                assertEquals(expected, ofWriter, "writer " + w + "'s updates keep their order");
            }
            try (TestClient late = TestClient.connect(base, room)) {
                assertEquals(reference.get(total - 1), late.nextFrame(), "a late joiner gets the last pin of that order");
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAndTheOthersCarryOn() throws Exception {
        String room = freshRoom();
        ExecutorService sending = Executors.newSingleThreadExecutor();
        try (RawClient stalled = new RawClient(TestClient.endpoint(base, room));
             TestClient writer = TestClient.connect(base, room);
             TestClient reader = TestClient.connect(base, room)) {
            // The stalled client asks for 60 KiB answers and never reads them: they fill the kernel's socket buffers
            // and the server's, then its outbound queue (waypoint.outbound-queue-max-bytes, 4 MiB by default), and
            // the server closes it. Once closed, the server stops reading from it, so its sends may block: they run
            // on their own thread, bounded to 1,000 pings (60 MB).
            String ping = "{\"type\":\"ping\",\"id\":\"" + "s".repeat(60 * 1024) + "\"}";
            Future<?> pings = sending.submit(() -> {
                for (int i = 0; i < 1_000; i++) {
                    stalled.sendSingleFrame(ping);
                }
                return null;
            });
            // Meanwhile the room carries on for the other clients, undelayed by the stalled one.
            for (int i = 0; i < 40; i++) {
                writer.setPin(1, i);
                assertEquals(pinUpdate(1.0, i), reader.nextFrame());
                assertEquals(pinUpdate(1.0, i), writer.nextFrame());
                Thread.sleep(100);
            }
            // Now the stalled client reads: what was buffered for it, then the end of the connection. The close frame
            // (1013) arrives only if the server could still queue it behind the backlog; either way the server, not
            // the client, ended the connection (a connection still open would time the read out).
            int closeCode = stalled.readUntilClose();
            assertTrue(closeCode == 1013 || closeCode == RawClient.END_OF_STREAM, "closed by the server, got " + closeCode);
            writer.setPin(7, 7);
            assertEquals(pinUpdate(7.0, 7.0), reader.nextFrame());
            reader.assertAlive();
        } finally {
            sending.shutdownNow();
        }
    }

    // --- protocol version 2 (src/docs/protocol-v2.md), with version 1 clients in the same room ---

    @Test
    void version2IsNegotiatedBySubprotocolAndStartsWithASnapshot() {
        String room = freshRoom();
        try (TestClient demo = TestClient.connect(base, room)) {
            demo.setPin(1, 2);
            demo.nextFrame();
            try (TestClient v2 = TestClient.connectVersion2(base, room)) {
                assertEquals("waypoint.v2", v2.subprotocol());
                assertEquals("", demo.subprotocol());
                JsonObject snapshot = v2.next();
                assertEquals("snapshot", snapshot.getString("type"));
                assertEquals(2, snapshot.getInt("protocol"));
                assertEquals("legacy", snapshot.getJsonArray("pins").getJsonObject(0).getString("id"));
                assertEquals(2, snapshot.getJsonArray("participants").size());
            }
        }
    }

    @Test
    void version1AndVersion2ClientsShareTheLegacyPinAndTheDemoClientHearsNothingElse() throws Exception {
        String room = freshRoom();
        try (TestClient demo = TestClient.connect(base, room); TestClient v2 = TestClient.connectVersion2(base, room)) {
            v2.nextOfType("snapshot");
            v2.send("{\"type\":\"addPin\",\"ref\":\"r1\",\"pin\":{\"location\":{\"lat\":3,\"lng\":4},\"label\":\"Cafe\",\"color\":\"#00aa00\",\"metadata\":{\"seats\":4,\"open\":true}}}");
            JsonObject added = v2.nextOfType("pinAdded");
            assertEquals("r1", added.getString("ref"));
            assertEquals("Cafe", added.getJsonObject("pin").getString("label"));
            assertEquals(true, added.getJsonObject("pin").getJsonObject("metadata").getBoolean("open"));

            demo.setPin(5, 6);
            assertEquals(pinUpdate(5.0, 6.0), demo.nextFrame(), "the demo client's own pin, and nothing of the cafe");
            JsonObject legacy = v2.nextOfType("pinAdded");
            assertEquals("legacy", legacy.getJsonObject("pin").getString("id"));
            assertEquals(added.getJsonNumber("version").longValue() + 1, legacy.getJsonNumber("version").longValue());

            v2.send("{\"type\":\"updatePin\",\"id\":\"legacy\",\"set\":{\"location\":{\"lat\":7,\"lng\":8}}}");
            assertEquals(pinUpdate(7.0, 8.0), demo.nextFrame());
            v2.send("{\"type\":\"updatePin\",\"id\":\"p1\",\"baseVersion\":0,\"ref\":\"old\",\"set\":{\"label\":\"x\"}}");
            JsonObject conflict = v2.nextOfType("error");
            assertEquals("conflict", conflict.getString("code"));
            assertEquals("old", conflict.getString("ref"));
            demo.assertAlive(); // nothing else reached the demo client in between
        }
    }

    @Test
    void participantsJoinAndLeaveAndShareTheirLocation() throws Exception {
        String room = freshRoom();
        try (TestClient watcher = TestClient.connectVersion2(base, room)) {
            watcher.nextOfType("snapshot");
            String id;
            try (TestClient ana = TestClient.connectVersion2(base, room)) {
                id = ana.nextOfType("snapshot").getString("you");
                assertEquals(id, watcher.nextOfType("participantJoined").getJsonObject("participant").getString("id"));
                ana.send("{\"type\":\"hello\",\"name\":\"Ana\",\"color\":\"#8e24aa\"}");
                assertEquals("Ana", watcher.nextOfType("participantUpdated").getJsonObject("participant").getString("name"));
                ana.send("{\"type\":\"shareLocation\",\"location\":{\"lat\":48.85,\"lng\":2.35},\"accuracy\":20}");
                JsonObject sharing = watcher.nextOfType("participantUpdated").getJsonObject("participant").getJsonObject("sharing");
                assertEquals(48.85, sharing.getJsonNumber("lat").doubleValue());
            }
            assertEquals(id, watcher.nextOfType("participantLeft").getString("id"));
        }
    }

    @Test
    void twoSharedLocationsGetAGreatCircleMeetingPointBetweenThem() {
        String room = freshRoom();
        try (TestClient ana = TestClient.connectVersion2(base, room); TestClient ben = TestClient.connectVersion2(base, room)) {
            ana.nextOfType("snapshot");
            ben.nextOfType("snapshot");
            ana.send("{\"type\":\"shareLocation\",\"location\":{\"lat\":0,\"lng\":10}}");
            ben.send("{\"type\":\"shareLocation\",\"location\":{\"lat\":0,\"lng\":20}}");
            JsonObject meetup = ana.nextOfType("meetupUpdated").getJsonObject("meetup");
            assertEquals("great-circle", meetup.getString("method"));
            assertEquals(0.0, meetup.getJsonObject("point").getJsonNumber("lat").doubleValue(), 1e-6);
            assertEquals(15.0, meetup.getJsonObject("point").getJsonNumber("lng").doubleValue(), 1e-6);
            assertEquals(2, meetup.getJsonArray("routes").size());
            assertEquals(meetup, ben.nextOfType("meetupUpdated").getJsonObject("meetup"));
        }
    }

    @Test
    void otherPathsUnderApiAnswer404() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("api/other", "api/map/extra", "api/")) {
            URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + (base.getPath().endsWith("/") ? "" : "/") + path);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode(), path);
        }
    }

    @Test
    void pageConfigNamesTheBundledOfflineStyle() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + base.getPath() + (base.getPath().endsWith("/") ? "" : "/") + "config.json");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        // frameAncestors: -Dwaypoint.frame-ancestors of arquillian.xml.
        assertEquals("{\"styleUrl\":\"map/style.json\",\"pingIntervalMs\":30000,\"frameAncestors\":[\"http://localhost:*\"]}",
                response.body());
    }
}
