package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.waypoint.testsupport.PayaraMicroProcess;
import dev.waypoint.testsupport.RecordingClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections whose client is gone without a close do not stay open ({@link Liveness}), on the real WAR in its own
 * Payara Micro process, with pings after 2 s of silence and a 2 s pong timeout (the defaults are 30 and 30).
 *
 * <p>The first test is the bug this fixes: on Payara, a client that closes its socket while the server answers its
 * upgrade leaves a session that joined its room and whose close is never reported. Without the pings such sessions
 * stayed open for the server's lifetime (the connections gauge stayed at 200, the address's limit, and the address
 * could no longer connect).
 */
class LivenessIT {

    private static final Duration PING_AFTER = Duration.ofSeconds(2);
    private static final Duration PONG_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).build();

    private static PayaraMicroProcess server;

    @BeforeAll
    static void start() {
        server = new PayaraMicroProcess("liveness-it")
                .systemProperty("waypoint.ping-after-seconds", Long.toString(PING_AFTER.toSeconds()))
                .systemProperty("waypoint.pong-timeout-seconds", Long.toString(PONG_TIMEOUT.toSeconds()));
        server.start().awaitReady();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void handshakesCutShortByTheirClientsLeaveNothingBehind() throws Exception {
        String room = "cut-" + UUID.randomUUID();
        double unresponsiveBefore = closedFor("unresponsive");
        // Each client asks to upgrade and closes at once, half of them with a reset; a few wait a moment first, so
        // that some closes land while the server writes its 101, which is when Payara loses them.
        for (int i = 0; i < 150; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
                OutputStream out = socket.getOutputStream();
                out.write(upgradeRequest(room).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (i % 2 == 0) {
                    socket.setSoLinger(true, 0);
                }
                if (i % 5 == 0) {
                    Thread.sleep(1 + i % 3);
                }
            }
        }

        awaitGauge("waypoint_connections", 0, Duration.ofSeconds(60));
        assertTrue(closedFor("unresponsive") > unresponsiveBefore,
                "some of the cut handshakes were open sessions, found silent and closed (else this test tests nothing)");

        // The room has no one left in it, and the address may connect again.
        try (RecordingClient client = RecordingClient.connect(server.baseUri(), room, "after", 2)) {
            JsonObject snapshot = client.next("snapshot");
            assertEquals(1, snapshot.getJsonArray("participants").size(),
                    "only the new client is in the room: " + snapshot.getJsonArray("participants"));
        }
    }

    @Test
    void aClientThatDoesNotAnswerPingsIsClosedWith1001() throws Exception {
        String room = "mute-" + UUID.randomUUID();
        try (RecordingClient watcher = RecordingClient.connect(server.baseUri(), room, "watcher", 2)) {
            watcher.next("snapshot"); // the watcher is in the room (its handshake completes before it joins)
            try (RawClient mute = new RawClient(RecordingClient.endpoint(server.baseUri(), room))) {
                JsonObject joined = watcher.next("participantJoined");
                String muteId = joined.getJsonObject("participant").getString("id");

                RawClient.Frame ping = nextNonText(mute);
                assertEquals(RawClient.Frame.PING, ping.opcode(), "a silent connection is pinged first");
                RawClient.Frame close = nextNonText(mute);
                assertEquals(RawClient.Frame.CLOSE, close.opcode());
                assertEquals(1001, close.closeCode(), "closed as going away: " + close.text());

                JsonObject left = watcher.next("participantLeft");
                assertEquals(muteId, left.getString("id"), "the room sees the unresponsive client leave");
            }
        }
    }

    @Test
    void clientsThatAnswerPingsStayConnectedWhileSilent() throws Exception {
        String room = "quiet-" + UUID.randomUUID();
        Duration quiet = PING_AFTER.plus(PONG_TIMEOUT).multipliedBy(3);
        try (RawClient raw = new RawClient(RecordingClient.endpoint(server.baseUri(), room));
                RecordingClient jdk = RecordingClient.connect(server.baseUri(), room, "jdk", 1)) {
            // The raw client answers each ping by hand, as every WebSocket library does by itself (the JDK's too).
            int pings = 0;
            long end = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < end) {
                RawClient.Frame frame;
                try {
                    frame = raw.readFrame((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (java.net.SocketTimeoutException done) {
                    break;
                }
                if (frame.opcode() == RawClient.Frame.PING) {
                    pings++;
                    raw.sendFrame(0xA, frame.payload());
                } else if (frame.opcode() == RawClient.Frame.CLOSE) {
                    fail("closed although it answered " + pings + " pings: " + frame.closeCode() + " " + frame.text());
                }
            }
            assertTrue(pings >= 2, "silent for " + quiet + ", pinged " + pings + " times");

            assertTrue(jdk.isOpen(), "the JDK's client answered its pings");
            jdk.send("{\"type\":\"ping\"}");
            jdk.next("pong");
            raw.sendSingleFrame("{\"type\":\"ping\"}");
            RawClient.Frame pong = raw.readFrame(30_000);
            while (pong.opcode() != RawClient.Frame.TEXT) {
                pong = raw.readFrame(30_000);
            }
            assertTrue(pong.text().contains("\"pong\""), pong.text());
        }
    }

    /** The next frame that is not a message (the room's messages to the client do not matter here). */
    private static RawClient.Frame nextNonText(RawClient client) throws IOException {
        while (true) {
            RawClient.Frame frame = client.readFrame(30_000);
            if (frame.opcode() != RawClient.Frame.TEXT) {
                return frame;
            }
        }
    }

    private static String upgradeRequest(String room) {
        URI endpoint = RecordingClient.endpoint(server.baseUri(), room);
        return "GET " + endpoint.getRawPath() + "?" + endpoint.getRawQuery() + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    private static Map<String, Double> metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return PrometheusText.parse(response.body());
    }

    private static double closedFor(String cause) throws IOException, InterruptedException {
        return metrics().entrySet().stream()
                .filter(e -> e.getKey().startsWith("waypoint_connections_closed_total{")
                        && e.getKey().contains("cause=\"" + cause + "\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static void awaitGauge(String name, double expected, Duration within)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        double now = Double.NaN;
        while (System.nanoTime() < deadline) {
            now = metrics().entrySet().stream().filter(e -> e.getKey().equals(name)
                    || e.getKey().startsWith(name + "{")).mapToDouble(Map.Entry::getValue).sum();
            if (now == expected) {
                return;
            }
            Thread.sleep(200);
        }
        fail(name + " is " + now + ", expected " + expected + " within " + within);
    }
}
