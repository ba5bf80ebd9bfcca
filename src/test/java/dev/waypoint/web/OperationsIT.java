package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Health and Metrics of the real WAR, as an operator's tools read them: {@code /health/ready} and
 * {@code /metrics} at the server's root (not under the application's context root), before and after WebSocket
 * traffic. Counters are compared as differences, so the test does not depend on what ran before it.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration METRICS_SETTLE = Duration.ofSeconds(30);

    private static final String MESSAGES_IN = "waypoint_messages_in_total";
    private static final String MESSAGES_OUT = "waypoint_messages_out_total";
    private static final String OPENED = "waypoint_connections_opened_total";
    private static final String OPEN = "waypoint_connections";
    private static final String ROOMS = "waypoint_rooms";

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    private static String error(String code) {
        return "waypoint_errors_total{code=\"" + code + "\"}";
    }

    private static String closed(String cause) {
        return "waypoint_connections_closed_total{cause=\"" + cause + "\"}";
    }

    private HttpResponse<String> get(String serverPath) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + base.getPort() + serverPath);
        return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "text/plain").timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Double> metrics() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        return PrometheusText.parse(response.body());
    }

    /** Scrapes until {@code expected} holds: frames written are counted when their write completes. */
    private Map<String, Double> metricsOnce(Predicate<Map<String, Double>> expected, String what) throws Exception {
        long deadline = System.nanoTime() + METRICS_SETTLE.toNanos();
        Map<String, Double> now = metrics();
        while (!expected.test(now)) {
            if (System.nanoTime() > deadline) {
                fail(what + "; metrics now: " + PrometheusText.waypointOnly(now));
            }
            Thread.sleep(200);
            now = metrics();
        }
        return now;
    }

    private static double delta(Map<String, Double> after, Map<String, Double> before, String series) {
        assertTrue(after.containsKey(series), series + " missing from " + PrometheusText.waypointOnly(after));
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    @Test
    void readinessIsUpWithTheRoomsCheck() throws Exception {
        HttpResponse<String> response = get("/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"), response.body());
        JsonObject waypoint = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("waypoint")).findFirst()
                .orElseThrow(() -> new AssertionError("no check named waypoint in " + response.body()));
        assertEquals("UP", waypoint.getString("status"));
        assertTrue(waypoint.getJsonObject("data").getString("rooms").matches("UP: \\d+ rooms, \\d+ connections"),
                response.body());
    }

    @Test
    void everyMetricIsThereBeforeAnyTraffic() throws Exception {
        Map<String, Double> now = metrics();
        for (String series : new String[] {MESSAGES_IN, MESSAGES_OUT, OPENED, OPEN, ROOMS, error("malformed_json"),
            error("conflict"), closed("slow_consumer"), closed("message_too_big"), closed("abuse"), closed("unresponsive")}) {
            assertTrue(now.containsKey(series), series + " missing from " + PrometheusText.waypointOnly(now));
        }
    }

    @Test
    void countersFollowWebSocketTrafficAndErrorsAreCountedByCode() throws Exception {
        Map<String, Double> before = metrics();
        String room = "ops-" + UUID.randomUUID();
        try (TestClient demo = TestClient.connect(base, room); TestClient v2 = TestClient.connectVersion2(base, room)) {
            v2.nextOfType("snapshot");
            demo.setPin(1, 2);                                                    // in 1, out 2 (pinUpdate, pinAdded)
            demo.nextFrame();
            v2.nextOfType("pinAdded");
            demo.send("not json");                                                // in 1, out 1 (error)
            assertEquals("malformed_json", demo.next().getString("code"));
            v2.send("{\"type\":\"removePin\",\"id\":\"p404\",\"ref\":\"x\"}");    // in 1, out 1 (error, from the room)
            assertEquals("not_found", v2.nextOfType("error").getString("code"));

            Map<String, Double> during = metricsOnce(now -> delta(now, before, MESSAGES_OUT) >= 5,
                    "5 frames written (snapshot, pinUpdate, pinAdded, two errors)");
            assertEquals(3.0, delta(during, before, MESSAGES_IN), "frames received");
            assertEquals(2.0, delta(during, before, OPENED), "connections opened");
            assertTrue(during.get(OPEN) >= 2, "connections open now: " + during.get(OPEN));
            assertTrue(during.get(ROOMS) >= 1, "rooms: " + during.get(ROOMS));
            assertEquals(1.0, delta(during, before, error("malformed_json")), "malformed_json errors");
            assertEquals(1.0, delta(during, before, error("not_found")), "not_found errors");
            assertEquals(0.0, delta(during, before, error("conflict")), "conflict errors");
        }
        Map<String, Double> after = metricsOnce(now -> now.get(OPEN) <= before.get(OPEN),
                "the two connections no longer counted as open");
        assertEquals(2.0, delta(after, before, OPENED), "connections opened");
    }

    @Test
    void anOversizedFrameIsCountedAsAConnectionClosedForItsSize() throws Exception {
        Map<String, Double> before = metrics();
        try (TestClient big = TestClient.connect(base, "ops-" + UUID.randomUUID())) {
            big.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(70 * 1024) + "\"}");
            assertEquals(1009, big.closeCode());
        }
        Map<String, Double> after = metricsOnce(now -> delta(now, before, closed("message_too_big")) >= 1,
                "one connection closed for its message size");
        assertEquals(1.0, delta(after, before, closed("message_too_big")));
        assertEquals(0.0, delta(after, before, closed("slow_consumer")));
    }

    @Test
    void aClientThatStopsReadingIsCountedAsASlowConsumer() throws Exception {
        Map<String, Double> before = metrics();
        ExecutorService sending = Executors.newSingleThreadExecutor();
        try (RawClient stalled = new RawClient(TestClient.endpoint(base, "ops-" + UUID.randomUUID()))) {
            // As in MapEndpointIT: 60 KiB answers that are never read fill the socket buffers, then the outbound
            // queue (4 MiB by default), and the server closes the connection. Bounded to 1,000 pings (60 MB), on
            // their own thread since they may block once the server stops reading.
            String ping = "{\"type\":\"ping\",\"id\":\"" + "s".repeat(60 * 1024) + "\"}";
            sending.submit(() -> {
                for (int i = 0; i < 1_000; i++) {
                    stalled.sendSingleFrame(ping);
                }
                return null;
            });
            Map<String, Double> after = metricsOnce(now -> delta(now, before, closed("slow_consumer")) >= 1,
                    "one connection closed as a slow consumer");
            assertEquals(1.0, delta(after, before, closed("slow_consumer")));
        } finally {
            sending.shutdownNow();
        }
    }
}
