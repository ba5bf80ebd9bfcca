package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) for integration tests: collects text frames in arrival order and records how
 * the server closed the connection.
 */
final class TestClient implements WebSocket.Listener, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** The WebSocket URI of the map endpoint under a deployment's base URL, with the host made loopback. */
    static URI endpoint(URL deploymentUrl, String roomId) {
        String base = "ws://127.0.0.1:" + deploymentUrl.getPort() + deploymentUrl.getPath();
        if (!base.endsWith("/")) {
            base += "/";
        }
        String query = roomId == null ? "" : "?id=" + URLEncoder.encode(roomId, StandardCharsets.UTF_8);
        return URI.create(base + "api/map" + query);
    }

    static TestClient connect(URL deploymentUrl, String roomId) {
        return connect(endpoint(deploymentUrl, roomId));
    }

    static TestClient connect(URI uri) {
        TestClient client = new TestClient();
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, client).join();
        return client;
    }

    /** Connects with extra handshake headers (an {@code Authorization}, say), asking for version 2 or not. */
    static TestClient connect(URI uri, Map<String, String> headers, boolean version2) {
        TestClient client = new TestClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (version2) {
            builder.subprotocols(MapEndpoint.PROTOCOL_V2);
        }
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    /** True once the server has closed the connection (its close frame arrived, or the connection failed). */
    boolean closedByServer() {
        return closeCode.isDone();
    }

    /** Connects asking for protocol version 2 (the {@code waypoint.v2} subprotocol). */
    static TestClient connectVersion2(URL deploymentUrl, String roomId) {
        TestClient client = new TestClient();
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT).subprotocols(MapEndpoint.PROTOCOL_V2)
                .buildAsync(endpoint(deploymentUrl, roomId), client).join();
        return client;
    }

    /** The subprotocol the server selected: empty when it selected none. */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** The next message of type {@code type}, skipping others (presence changes, say). */
    JsonObject nextOfType(String type) {
        while (true) {
            JsonObject message = next();
            if (message.getString("type").equals(type)) {
                return message;
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    TestClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    TestClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    TestClient setPin(double lat, double lng) {
        return send("{\"type\":\"setPin\",\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "}}");
    }

    /** The next frame, waiting up to {@link #WAIT}. */
    String nextFrame() {
        try {
            String frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("no message within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonObject next() {
        return Json.createReader(new StringReader(nextFrame())).readObject();
    }

    /** The next {@code n} frames. */
    List<String> nextFrames(int n) {
        List<String> got = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            got.add(nextFrame());
        }
        return got;
    }

    /** Asserts that nothing arrives within {@code quiet}. */
    void assertNothingWithin(Duration quiet) throws InterruptedException {
        assertNull(frames.poll(quiet.toMillis(), TimeUnit.MILLISECONDS), "expected no message");
    }

    /** A ping round trip: proves the connection is open and everything before it was processed. */
    void assertAlive() {
        String id = "alive-" + System.nanoTime();
        send("{\"type\":\"ping\",\"id\":\"" + id + "\",\"clientTime\":1}");
        assertEquals("{\"type\":\"pong\",\"id\":\"" + id + "\",\"clientTime\":1}", nextFrame());
    }

    /** The close code the server sent, waiting up to {@link #WAIT}. */
    int closeCode() {
        try {
            return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection not closed by the server within " + WAIT, e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
