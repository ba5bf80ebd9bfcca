package dev.waypoint.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WebSocket client of the map endpoint (the JDK's client) that records every message it receives, in order, and
 * hands each one to a listener as it arrives. For the crash tests: what a client saw is exactly what it recorded.
 * A server that dies ends the connection ({@link #closed()} completes); nothing here waits for ever.
 */
public final class RecordingClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(60); // generous: two cores shared with other servers and tests
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    public final String name;
    public final int protocol;
    private final List<JsonObject> received = new ArrayList<>();     // guarded by itself
    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<JsonObject> listener;
    private WebSocket socket;

    private RecordingClient(String name, int protocol, Consumer<JsonObject> listener) {
        this.name = name;
        this.protocol = protocol;
        this.listener = listener;
    }

    /** {@code ws://127.0.0.1:PORT/api/map?id=ROOM}. */
    public static URI endpoint(URI base, String roomId) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/map?id="
                + URLEncoder.encode(roomId, StandardCharsets.UTF_8));
    }

    /**
     * Connects speaking {@code protocol} (2: asks for the {@code waypoint.v2} subprotocol); {@code listener} sees every
     * message, on the client's receiving thread, before it is recorded.
     */
    public static RecordingClient connect(URI base, String roomId, String name, int protocol, Consumer<JsonObject> listener) {
        RecordingClient client = new RecordingClient(name, protocol, listener);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (protocol >= 2) {
            builder.subprotocols("waypoint.v2");
        }
        client.socket = builder.buildAsync(endpoint(base, roomId), client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
        if (protocol >= 2 && !"waypoint.v2".equals(client.socket.getSubprotocol())) {
            throw new AssertionError(name + ": the server did not select waypoint.v2");
        }
        return client;
    }

    public static RecordingClient connect(URI base, String roomId, String name, int protocol) {
        return connect(base, roomId, name, protocol, message -> { });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonObject message = Json.createReader(new StringReader(partial.toString())).readObject();
            partial.setLength(0);
            try {
                listener.accept(message);
            } finally {
                synchronized (received) {
                    received.add(message);
                }
                inbox.add(message);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(null); // a killed server: the connection is gone, which is all the tests need to know
    }

    /** Completes when the connection has ended, however. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Sends a text frame; false if the connection is gone (the server was killed). */
    public boolean trySend(String text) {
        if (!isOpen()) {
            return false;
        }
        try {
            socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (Exception gone) {
            return false;
        }
    }

    public void send(String text) {
        if (!trySend(text)) {
            throw new AssertionError(name + ": could not send " + text);
        }
    }

    /** Everything received so far, in order. */
    public List<JsonObject> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The next message of type {@code type} not yet taken from this client's inbox, skipping others. */
    public JsonObject next(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                JsonObject message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError(name + ": no " + type + " within " + WAIT);
                }
                if (type.equals(message.getString("type"))) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message answering {@code ref} (the change it made, or its error), skipping others. */
    public JsonObject answerTo(String ref) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                JsonObject message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError(name + ": no answer to " + ref + " within " + WAIT);
                }
                if (ref.equals(message.getString("ref", null))) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed() && isOpen()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
        }
        if (socket != null) {
            socket.abort();
        }
        closed.complete(null);
    }
}
