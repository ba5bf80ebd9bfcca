package dev.waypoint.store;

import dev.waypoint.testsupport.RecordingClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients that write during the crash test. Each runs a bounded loop on its own thread: it stops after its
 * number of requests, at its deadline, or when the connection ends (the server was killed), whichever comes first.
 * Each keeps a few requests in flight (answers are held until the change is stored, so waiting for each one would
 * leave the server idle between commits) and remembers which ones are unanswered.
 */
final class Writers {

    private Writers() {
    }

    /** Something a writer noticed that contradicts the protocol (a refused request that changed something, say). */
    interface Problems {
        void add(String problem);
    }

    /**
     * A protocol version 2 client adding, moving, relabelling and removing pins and routes, saving sessions, and
     * sending requests that must be refused (their labels or names contain {@value ClientsSaw#REFUSED}).
     */
    static final class Version2 implements Runnable {

        private static final String[] COLORS = {"#e53935", "#3949ab", "#00897b", "#fb8c00", "#6d4c41"};
        private static final Set<String> EXPECTED_REFUSALS = Set.of("not_found", "invalid_route", "limit_reached",
                "conflict");

        final String name;
        private final ClientsSaw saw;
        private final Problems problems;
        private final Random random;
        private final int maxRequests;
        private final long deadlineNanos;
        private final boolean refusals;
        private final Semaphore window;
        private final Map<String, ClientsSaw.Request> pending = new ConcurrentHashMap<>();
        private final Set<String> pins = ConcurrentHashMap.newKeySet();   // pins of the room it knows (not legacy)
        private final Set<String> routes = ConcurrentHashMap.newKeySet();
        private final AtomicInteger refusedAsExpected = new AtomicInteger();
        private final AtomicInteger changesMade = new AtomicInteger();
        private final AtomicInteger sessionsSaved = new AtomicInteger();
        private volatile RecordingClient client;
        private volatile boolean finished;
        private int sent;

        /**
         * @param refusals whether some requests are deliberately invalid
         */
        Version2(String name, ClientsSaw saw, Problems problems, long seed, int maxRequests, long runMillis,
                 int inFlight, boolean refusals) {
            this.name = name;
            this.saw = saw;
            this.problems = problems;
            this.random = new Random(seed);
            this.maxRequests = maxRequests;
            this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
            this.window = new Semaphore(inFlight);
            this.refusals = refusals;
        }

        Version2 connect(URI server, String hello) {
            client = RecordingClient.connect(server, saw.room, name, 2, this::onMessage);
            client.next("snapshot");
            if (hello != null) {
                String ref = name + "-hello";
                client.send(Json.createObjectBuilder().add("type", "hello").add("ref", ref).add("name", hello)
                        .build().toString());
                client.answerTo(ref);
            }
            return this;
        }

        RecordingClient client() {
            return client;
        }

        ClientsSaw saw() {
            return saw;
        }

        private void onMessage(JsonObject message) {
            saw.record(name, 2, message);
            String type = message.getString("type");
            switch (type) {
                case "snapshot" -> {
                    message.getJsonArray("pins").forEach(p -> addPin(p.asJsonObject().getString("id")));
                    message.getJsonArray("routes").forEach(r -> routes.add(r.asJsonObject().getString("id")));
                }
                case "pinAdded" -> addPin(message.getJsonObject("pin").getString("id"));
                case "pinRemoved" -> pins.remove(message.getString("id"));
                case "routeAdded" -> routes.add(message.getJsonObject("route").getString("id"));
                case "routeRemoved" -> routes.remove(message.getString("id"));
                default -> { }
            }
            String ref = message.getString("ref", null);
            ClientsSaw.Request request = ref == null ? null : pending.remove(ref);
            if (request == null) {
                return;
            }
            window.release();
            boolean refused = type.equals("error");
            if (request.kind().equals("refused")) {
                if (refused) {
                    refusedAsExpected.incrementAndGet();
                } else {
                    problems.add(name + ": an invalid request was not refused: " + request + " -> " + message);
                }
            } else if (refused) {
                if (!EXPECTED_REFUSALS.contains(message.getString("code"))) {
                    problems.add(name + ": a valid request was refused: " + request + " -> " + message);
                }
            } else if (type.equals("sessionSaved")) {
                sessionsSaved.incrementAndGet();
            } else {
                changesMade.incrementAndGet();
            }
        }

        private void addPin(String id) {
            if (!id.equals("legacy")) {
                pins.add(id);
            }
        }

        @Override
        public void run() {
            try {
                while (sent < maxRequests && System.nanoTime() < deadlineNanos && client.isOpen()) {
                    if (!acquire()) {
                        break;
                    }
                    sendOne();
                }
            } finally {
                finished = true;
            }
        }

        /** Waits until every request sent got its answer (or the connection ended). */
        void awaitAnswers() {
            long deadline = System.nanoTime() + RecordingClient.WAIT.toNanos();
            while (!pending.isEmpty() && client.isOpen()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + ": no answer to " + pending.values() + " within "
                            + RecordingClient.WAIT);
                }
                sleep(20);
            }
        }

        private boolean acquire() {
            try {
                while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (!client.isOpen() || System.nanoTime() >= deadlineNanos) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void sendOne() {
            int n = ++sent;
            String ref = name + "-" + n;
            String label = name + "-" + n;
            List<String> knownPins = new ArrayList<>(pins);
            List<String> knownRoutes = new ArrayList<>(routes);
            String pin = knownPins.isEmpty() ? null : knownPins.get(random.nextInt(knownPins.size()));
            String route = knownRoutes.isEmpty() ? null : knownRoutes.get(random.nextInt(knownRoutes.size()));
            int dice = random.nextInt(100);
            JsonObjectBuilder request = Json.createObjectBuilder().add("ref", ref);
            ClientsSaw.Request what;
            if (refusals && dice < 12) {
                String refusedLabel = ClientsSaw.REFUSED + "-" + label;
                what = new ClientsSaw.Request(ref, "refused", null, refusedLabel);
                switch (dice % 6) {
                    case 0 -> request.add("type", "addPin").add("pin", Json.createObjectBuilder()
                            .add("location", location()).add("color", "#12345").add("label", refusedLabel));
                    case 1 -> request.add("type", "updatePin").add("id", "p0")
                            .add("set", Json.createObjectBuilder().add("label", refusedLabel));
                    case 2 -> request.add("type", "updatePin").add("id", pin == null ? "p0" : pin)
                            .add("set", Json.createObjectBuilder().add("label", refusedLabel).add("color", "blue")
                                    .add("location", location()));
                    case 3 -> request.add("type", "addRoute").add("route", Json.createObjectBuilder()
                            .add("points", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                    .add("pinId", "no-such-pin")).add(location()))
                            .add("label", refusedLabel));
                    case 4 -> request.add("type", "updatePin").add("id", pin == null ? "p0" : pin)
                            .add("baseVersion", 0).add("set", Json.createObjectBuilder().add("label", refusedLabel));
                    default -> request.add("type", "saveSession").add("name", refusedLabel + "-" + "x".repeat(80));
                }
            } else if (dice < 14) {
                String session = "session-" + label;
                what = new ClientsSaw.Request(ref, "saveSession", null, session);
                request.add("type", "saveSession").add("name", session);
            } else if (pin == null || dice < 38 && pins.size() < 120) {
                what = new ClientsSaw.Request(ref, "addPin", null, label);
                request.add("type", "addPin").add("pin", Json.createObjectBuilder().add("location", location())
                        .add("color", COLORS[random.nextInt(COLORS.length)]).add("label", label));
            } else if (dice < 58) {
                what = new ClientsSaw.Request(ref, "updatePin", pin, label);
                request.add("type", "updatePin").add("id", pin).add("set", Json.createObjectBuilder()
                        .add("location", location()).add("label", label));
            } else if (dice < 66) {
                what = new ClientsSaw.Request(ref, "updatePin", pin, label);
                request.add("type", "updatePin").add("id", pin).add("set", Json.createObjectBuilder()
                        .add("label", label).add("color", COLORS[random.nextInt(COLORS.length)]));
            } else if (dice < 76 || pins.size() >= 120) {
                what = new ClientsSaw.Request(ref, "removePin", pin, null);
                request.add("type", "removePin").add("id", pin);
            } else if (route == null || dice < 88 && routes.size() < 40) {
                what = new ClientsSaw.Request(ref, "addRoute", null, label);
                request.add("type", "addRoute").add("route", Json.createObjectBuilder()
                        .add("points", Json.createArrayBuilder().add(Json.createObjectBuilder().add("pinId", pin))
                                .add(location()).add(Json.createObjectBuilder()
                                        .add("pinId", knownPins.get(random.nextInt(knownPins.size())))))
                        .add("label", label));
            } else if (dice < 94) {
                what = new ClientsSaw.Request(ref, "updateRoute", route, label);
                request.add("type", "updateRoute").add("id", route).add("set", Json.createObjectBuilder()
                        .add("label", label).add("color", COLORS[random.nextInt(COLORS.length)]));
            } else {
                what = new ClientsSaw.Request(ref, "removeRoute", route, null);
                request.add("type", "removeRoute").add("id", route);
            }
            pending.put(ref, what); // before sending: the answer may come before send() returns
            client.trySend(request.build().toString()); // if the server is gone, the request stays unanswered
        }

        private JsonValue location() {
            return Json.createObjectBuilder()
                    .add("lat", Math.round((random.nextDouble() * 120 - 60) * 1e5) / 1e5)
                    .add("lng", Math.round((random.nextDouble() * 300 - 150) * 1e5) / 1e5).build();
        }

        boolean finished() {
            return finished;
        }

        Collection<ClientsSaw.Request> unanswered() {
            return List.copyOf(pending.values());
        }

        int requestsSent() {
            return sent;
        }

        int changesMade() {
            return changesMade.get();
        }

        int refusedAsExpected() {
            return refusedAsExpected.get();
        }

        int sessionsSaved() {
            return sessionsSaved.get();
        }

        @Override
        public String toString() {
            return name + ": " + sent + " requests, " + changesMade + " changes and " + sessionsSaved
                    + " sessions acknowledged, " + refusedAsExpected + " invalid ones refused, " + pending.size()
                    + " unanswered";
        }
    }

    /**
     * A protocol version 1 client (the demo's) moving the legacy pin with {@code setPin}: the n-th one to
     * {@link ClientsSaw#setPinLocation}(first + n). Every tenth request has a location out of range and must be
     * answered with {@code error}. It is the only client moving the legacy pin, so the order of its requests is
     * the order of the pin's locations.
     */
    static final class Version1 implements Runnable {

        final String name;
        private final ClientsSaw saw;
        private final Problems problems;
        private final int maxRequests;
        private final long deadlineNanos;
        private final Semaphore window;
        private final Set<Integer> outstanding = ConcurrentHashMap.newKeySet();
        private final AtomicInteger invalidOutstanding = new AtomicInteger();
        private final AtomicInteger refusedAsExpected = new AtomicInteger();
        private final AtomicInteger echoes = new AtomicInteger();
        private volatile RecordingClient client;
        private volatile boolean finished;
        private volatile int lastSent = -1;
        private int next;
        private int sent;

        Version1(String name, ClientsSaw saw, Problems problems, int first, int maxRequests, long runMillis,
                 int inFlight) {
            this.name = name;
            this.saw = saw;
            this.problems = problems;
            this.next = first;
            this.maxRequests = maxRequests;
            this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(runMillis);
            this.window = new Semaphore(inFlight);
        }

        Version1 connect(URI server) {
            client = RecordingClient.connect(server, saw.room, name, 1, this::onMessage);
            return this;
        }

        RecordingClient client() {
            return client;
        }

        private void onMessage(JsonObject message) {
            saw.record(name, 1, message);
            switch (message.getString("type")) {
                case "pinUpdate" -> {
                    if (outstanding.remove(ClientsSaw.setPinIndex(message.getJsonObject("location")))) {
                        echoes.incrementAndGet();
                        window.release();
                    }
                }
                case "error" -> {
                    if (invalidOutstanding.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        refusedAsExpected.incrementAndGet();
                        window.release();
                    } else {
                        problems.add(name + ": a valid setPin was refused: " + message);
                    }
                }
                default -> { }
            }
        }

        @Override
        public void run() {
            try {
                while (sent < maxRequests && System.nanoTime() < deadlineNanos && client.isOpen()) {
                    if (!acquire()) {
                        break;
                    }
                    sent++;
                    if (sent % 10 == 0) {
                        invalidOutstanding.incrementAndGet();
                        client.trySend("{\"type\":\"setPin\",\"location\":{\"lat\":200,\"lng\":0}}");
                    } else {
                        int n = next++;
                        outstanding.add(n);
                        lastSent = n;
                        client.trySend("{\"type\":\"setPin\",\"location\":" + ClientsSaw.setPinLocation(n) + "}");
                    }
                }
            } finally {
                finished = true;
            }
        }

        private boolean acquire() {
            try {
                while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (!client.isOpen() || System.nanoTime() >= deadlineNanos) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void awaitAnswers() {
            long deadline = System.nanoTime() + RecordingClient.WAIT.toNanos();
            while ((!outstanding.isEmpty() || invalidOutstanding.get() > 0) && client.isOpen()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + ": setPin " + outstanding + " not echoed within "
                            + RecordingClient.WAIT);
                }
                sleep(20);
            }
        }

        boolean finished() {
            return finished;
        }

        /** The sequence number of the last setPin it sent, -1 if none. */
        int lastSent() {
            return lastSent;
        }

        int echoes() {
            return echoes.get();
        }

        int refusedAsExpected() {
            return refusedAsExpected.get();
        }

        @Override
        public String toString() {
            return name + ": " + sent + " setPin, " + echoes + " echoed, " + refusedAsExpected + " invalid ones refused,"
                    + " last sent #" + lastSent;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
