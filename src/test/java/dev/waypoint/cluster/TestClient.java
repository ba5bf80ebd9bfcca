package dev.waypoint.cluster;

import dev.waypoint.message.MessageCodec;
import dev.waypoint.room.Outbox;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A client in a test: what it receives, in order, and a way to send requests as JSON. */
final class TestClient implements Outbox.Transport {

    private final List<String> frames = new ArrayList<>();
    private volatile java.util.concurrent.CountDownLatch stalled; // while set, receiving blocks (a stuck socket)
    final Outbox outbox = new Outbox(this, 100_000);
    RoomConnection connection;

    static TestClient join(Rooms rooms, String roomId, int protocol) {
        return join(rooms, roomId, protocol, null);
    }

    static TestClient join(Rooms rooms, String roomId, int protocol, String greeting) {
        TestClient client = new TestClient();
        client.connection = rooms.connect(roomId, client.outbox, protocol, greeting);
        return client;
    }

    void send(String json) {
        connection.receive(MessageCodec.decode(json));
    }

    /** Until {@link #resume()}, every frame's delivery blocks the thread that writes it. */
    void stall() {
        stalled = new java.util.concurrent.CountDownLatch(1);
    }

    void resume() {
        stalled.countDown();
    }

    @Override
    public void send(String frame, Outbox.Completion done) {
        java.util.concurrent.CountDownLatch latch = stalled;
        if (latch != null) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        record(frame, done);
    }

    private synchronized void record(String frame, Outbox.Completion done) {
        frames.add(frame);
        notifyAll();
        done.completed(true);
    }

    @Override
    public void close(int code, String reason) {
        throw new AssertionError("closed with " + code + " " + reason);
    }

    synchronized List<JsonObject> messages() {
        List<JsonObject> parsed = new ArrayList<>();
        for (String frame : frames) {
            parsed.add(Json.createReader(new StringReader(frame)).readObject());
        }
        return parsed;
    }

    List<JsonObject> ofType(String... types) {
        List<String> wanted = List.of(types);
        return messages().stream().filter(m -> wanted.contains(m.getString("type"))).toList();
    }

    /** Waits (at most 60 s) until the frames received so far satisfy {@code done}. */
    synchronized void await(String what, Predicate<List<JsonObject>> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.test(messages())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; received " + frames.size()
                        + " frames, the last: " + (frames.isEmpty() ? "none" : frames.get(frames.size() - 1)));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    static long count(List<JsonObject> messages, String... types) {
        List<String> wanted = List.of(types);
        return messages.stream().filter(m -> wanted.contains(m.getString("type"))).count();
    }
}
