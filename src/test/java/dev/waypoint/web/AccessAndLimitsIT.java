package dev.waypoint.web;

import static dev.waypoint.access.TestTokens.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.waypoint.access.TestTokens;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may connect, against the real WAR on Payara Micro configured by the test settings ({@code waypoint.it.serverOptions}
 * in pom.xml): rooms {@code secret-*} need a token (HS256 with the test secret, or RS256 with the test key pair), with
 * 2 s of clock skew on expiry; 200 messages a second per connection with bursts of 400, closed after 600 dropped in a
 * minute; 64 connections per address; 30 active rooms; 5 HTTP API requests a second per address with bursts of 50.
 * Every client here is on 127.0.0.1, one address, which the server trusts as a proxy: a test that needs an address of
 * its own names one in {@code X-Forwarded-For}.
 *
 * <p>The limit tests end by waiting until the server has released what they took, so the ITs after them start from
 * a server with room to spare.
 */
@ExtendWith(ArquillianExtension.class)
class AccessAndLimitsIT {

    private static final int MAX_CONNECTIONS_PER_ADDRESS = 64;
    private static final int MAX_ACTIVE_ROOMS = 30;
    private static final int MESSAGE_BURST = 400;
    private static final int API_BURST = 50;
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    private static String fresh(String prefix) {
        return prefix + UUID.randomUUID();
    }

    private URI endpoint(String room, String token) {
        URI uri = TestClient.endpoint(base, room);
        return token == null ? uri : URI.create(uri + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static String hs256(String claims) {
        return TestTokens.hs256(TestTokens.IT_SECRET, claims);
    }

    /** Asserts the first frame is an error with {@code code}, then the close code. */
    private static JsonObject assertRefused(TestClient client, String code, int closeCode) {
        JsonObject error = client.next();
        assertEquals("error", error.getString("type"), error.toString());
        assertEquals(code, error.getString("code"), error.toString());
        assertFalse(error.getString("message").isBlank());
        assertEquals(closeCode, client.closeCode());
        return error;
    }

    // --- Origins ---

    @Test
    void aPageOfAForeignOriginIsRefusedWith403BeforeTheUpgrade() throws IOException {
        URI uri = TestClient.endpoint(base, fresh("it-origin-"));
        assertTrue(handshakeStatus(uri, "https://evil.example").startsWith("HTTP/1.1 403"));
        assertTrue(handshakeStatus(uri, "null").startsWith("HTTP/1.1 403"));
        // The server's own pages, and programs that send no Origin, are let in.
        assertTrue(handshakeStatus(uri, "http://127.0.0.1:" + uri.getPort()).startsWith("HTTP/1.1 101"));
        assertTrue(handshakeStatus(uri, null).startsWith("HTTP/1.1 101"));
    }

    /** Sends a WebSocket handshake with the given Origin (none when null) and returns the status line. */
    private static String handshakeStatus(URI endpoint, String origin) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + endpoint.getRawPath() + "?" + endpoint.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + endpoint.getPort() + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII).strip();
        }
    }

    // --- Tokens ---

    @Test
    void aProtectedRoomWithoutTokenIsRefused() {
        try (TestClient client = TestClient.connect(base, fresh("secret-"))) {
            JsonObject error = assertRefused(client, "access_denied", 1008);
            assertTrue(error.getString("message").contains("needs a token"), error.toString());
        }
    }

    @Test
    void invalidTokensAreRefused() {
        String room = fresh("secret-");
        String[] refused = {
            hs256(claims(300, "\"room\":\"secret-other\",\"access\":\"edit\"")),                       // another room
            TestTokens.hs256("not-the-server-secret-but-just-as-long-000", claims(300, "\"access\":\"edit\"")), // signature
            TestTokens.b64("{\"alg\":\"none\"}") + "." + TestTokens.b64(claims(300, "\"access\":\"edit\"")) + ".", // alg none
            "garbage",
        };
        for (String token : refused) {
            try (TestClient client = TestClient.connect(endpoint(room, token))) {
                assertRefused(client, "access_denied", 1008);
            }
        }
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        String room = fresh("secret-");
        try (TestClient client = TestClient.connect(endpoint(room, hs256(claims(-3600, "\"room\":\"" + room + "\",\"access\":\"edit\""))))) {
            assertRefused(client, "token_expired", 1008);
        }
    }

    @Test
    void anEditTokenAdmitsToTheProtectedRoom() {
        String room = fresh("secret-");
        String token = hs256(claims(300, "\"room\":\"secret-*\",\"access\":\"edit\",\"name\":\"Ana\""));
        try (TestClient demo = TestClient.connect(endpoint(room, token));
             TestClient v2 = TestClient.connect(endpoint(room, token), Map.of(), true)) {
            assertEquals("snapshot", v2.next().getString("type"));
            JsonObject access = v2.next();
            assertEquals("access", access.getString("type"));
            assertEquals("edit", access.getString("access"));
            assertEquals("Ana", access.getString("name"));
            demo.setPin(10, 20);
            assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":10.0,\"lng\":20.0}}", demo.nextFrame());
            assertEquals("legacy", v2.nextOfType("pinAdded").getJsonObject("pin").getString("id"));
        }
    }

    @Test
    void rs256TokensOfTheConfiguredKeyAndBearerHeadersAreAccepted() {
        String room = fresh("secret-");
        String rs256 = TestTokens.rs256(TestTokens.privateKey(), null,
                claims(300, "\"room\":\"" + room + "\",\"groups\":[\"waypoint.edit\"],\"preferred_username\":\"ana\""));
        try (TestClient client = TestClient.connect(TestClient.endpoint(base, room), Map.of("Authorization", "Bearer " + rs256), true)) {
            assertEquals("snapshot", client.next().getString("type"));
            JsonObject access = client.next();
            assertEquals("edit", access.getString("access"));
            assertEquals("ana", access.getString("name"));
            assertEquals("ana", client.nextOfType("participantUpdated").getJsonObject("participant").getString("name"));
        }
    }

    @Test
    void viewOnlyConnectionsSeeTheRoomButTheirChangesAreRefused() throws Exception {
        String room = fresh("secret-");
        String edit = hs256(claims(300, "\"room\":\"" + room + "\",\"access\":\"edit\""));
        String view = hs256(claims(300, "\"room\":\"" + room + "\",\"access\":\"view\",\"name\":\"Viewer\""));
        try (TestClient editor = TestClient.connect(endpoint(room, edit))) {
            editor.setPin(1, 2);
            editor.nextFrame();
            try (TestClient viewer = TestClient.connect(endpoint(room, view), Map.of(), true);
                 TestClient demoViewer = TestClient.connect(endpoint(room, view))) {
                JsonObject snapshot = viewer.next();
                assertEquals("snapshot", snapshot.getString("type"));
                assertEquals(1, snapshot.getJsonArray("pins").size(), "the viewer gets the room");
                JsonObject access = viewer.next();
                assertEquals("view", access.getString("access"));
                assertEquals("Viewer", access.getString("name"));
                assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":1.0,\"lng\":2.0}}", demoViewer.nextFrame());

                viewer.send("{\"type\":\"addPin\",\"ref\":\"a1\",\"pin\":{\"location\":{\"lat\":3,\"lng\":4}}}");
                JsonObject refused = viewer.nextOfType("error");
                assertEquals("read_only", refused.getString("code"));
                assertEquals("a1", refused.getString("ref"));
                viewer.send("{\"type\":\"shareLocation\",\"ref\":\"s1\",\"location\":{\"lat\":3,\"lng\":4}}");
                assertEquals("read_only", viewer.nextOfType("error").getString("code"));
                demoViewer.setPin(5, 6);
                assertEquals("read_only", demoViewer.next().getString("code"));

                // The connections stay open, and a viewer may still present itself, under the token's name.
                viewer.send("{\"type\":\"hello\",\"ref\":\"h1\",\"name\":\"Someone else\",\"color\":\"#00897b\"}");
                JsonObject hello = viewer.nextOfType("participantUpdated");
                assertEquals("Viewer", hello.getJsonObject("participant").getString("name"));
                assertEquals("#00897b", hello.getJsonObject("participant").getString("color"));
                demoViewer.assertAlive();
                editor.assertNothingWithin(Duration.ofMillis(500)); // no pin change reached the room
                editor.setPin(7, 8);
                assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":7.0,\"lng\":8.0}}", demoViewer.nextFrame());
            }
        }
    }

    // --- Tokens that expire while the connection is open (clock skew 2 s on the test server) ---

    /** Seconds a short-lived token lasts: long enough to connect and renew on a slow machine, short for the test. */
    private static final int SHORT_LIVED = 10;

    /** Skips frames until an error arrives (presence changes, say), and returns it. */
    private static JsonObject nextError(TestClient client) {
        return client.nextOfType("error");
    }

    @Test
    void openConnectionsLoseTheRoomWhenTheirTokenExpires() {
        String room = fresh("secret-");
        String token = hs256(claims(SHORT_LIVED, "\"room\":\"" + room + "\",\"access\":\"edit\",\"name\":\"Ana\""));
        try (TestClient listener = TestClient.connect(endpoint(room, token), Map.of(), true);
             TestClient demo = TestClient.connect(endpoint(room, token))) {
            // Both were let in with the token: the version 2 client got the room and its access, the demo client
            // changes the pin and sees it.
            assertEquals("snapshot", listener.next().getString("type"));
            assertEquals("edit", listener.nextOfType("access").getString("access"));
            demo.setPin(1, 2);
            assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":1.0,\"lng\":2.0}}", demo.nextFrame());

            // Neither sends anything more: the server's sweep finds them once the token (plus the skew) is over.
            JsonObject expired = nextError(listener);
            assertEquals("token_expired", expired.getString("code"), expired.toString());
            assertEquals(1008, listener.closeCode());
            JsonObject demoExpired = demo.next();
            assertEquals("token_expired", demoExpired.getString("code"), demoExpired.toString());
            assertEquals(1008, demo.closeCode());
        }
        // A reconnect with the same token is refused as expired; with a fresh one it is let in.
        try (TestClient again = TestClient.connect(endpoint(room, token))) {
            assertRefused(again, "token_expired", 1008);
        }
        try (TestClient fresh = TestClient.connect(endpoint(room, hs256(claims(300, "\"room\":\"" + room + "\",\"access\":\"edit\""))))) {
            // The room is as it was: its pin comes first.
            assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":1.0,\"lng\":2.0}}", fresh.nextFrame());
            fresh.assertAlive();
        }
    }

    @Test
    void aVersion2ClientRenewsItsTokenOnTheOpenConnection() {
        String room = fresh("secret-");
        String shortView = hs256(claims(SHORT_LIVED, "\"room\":\"" + room + "\",\"access\":\"view\",\"name\":\"Ana\""));
        try (TestClient renewing = TestClient.connect(endpoint(room, shortView), Map.of(), true);
             TestClient witness = TestClient.connect(endpoint(room, shortView), Map.of(), true)) {
            JsonObject snapshot = renewing.next();
            assertTrue(snapshot.getJsonArray("features").getValuesAs(jakarta.json.JsonString::getString).contains("token"),
                    snapshot.toString());
            assertEquals("view", renewing.nextOfType("access").getString("access"));
            assertEquals("view", witness.nextOfType("access").getString("access"));

            // A token for someone else, or for another room, is refused and changes nothing.
            renewing.send("{\"type\":\"token\",\"ref\":\"t0\",\"token\":\"" + hs256(claims(300,
                    "\"room\":\"" + room + "\",\"access\":\"edit\",\"name\":\"Bob\"")) + "\"}");
            JsonObject refused = nextError(renewing);
            assertEquals("access_denied", refused.getString("code"), refused.toString());
            assertEquals("t0", refused.getString("ref"));
            // A fresh token for the same person, granting edit and lasting longer, is taken.
            renewing.send("{\"type\":\"token\",\"ref\":\"t1\",\"token\":\"" + hs256(claims(300,
                    "\"room\":\"" + room + "\",\"access\":\"edit\",\"name\":\"Ana\"")) + "\"}");
            JsonObject renewed = renewing.nextOfType("access");
            assertEquals("edit", renewed.getString("access"), renewed.toString());
            assertEquals("Ana", renewed.getString("name"));
            assertEquals("t1", renewed.getString("ref"));

            // The witness kept the first token: once it has expired and the witness is gone, the renewed
            // connection is still open, and may now edit.
            assertEquals("token_expired", nextError(witness).getString("code"));
            assertEquals(1008, witness.closeCode());
            renewing.send("{\"type\":\"addPin\",\"ref\":\"a1\",\"pin\":{\"location\":{\"lat\":3,\"lng\":4}}}");
            JsonObject added = renewing.nextOfType("pinAdded");
            assertEquals("a1", added.getString("ref"), added.toString());
            assertFalse(renewing.closedByServer());
        }
    }

    @Test
    void aVersion1ClientCannotRenewATokenOnTheConnection() {
        String room = fresh("secret-");
        try (TestClient demo = TestClient.connect(endpoint(room, hs256(claims(300, "\"room\":\"" + room + "\",\"access\":\"edit\""))))) {
            demo.send("{\"type\":\"token\",\"token\":\"" + hs256(claims(600, "\"room\":\"" + room + "\",\"access\":\"edit\"")) + "\"}");
            JsonObject error = demo.next();
            assertEquals("unknown_type", error.getString("code"), error.toString());
            demo.assertAlive();
        }
    }

    // --- Abuse limits ---

    @Test
    void aFloodIsDroppedThenClosedWith1008AndOtherRoomsCarryOn() {
        try (TestClient flooder = TestClient.connect(base, fresh("it-flood-"));
             TestClient bystander = TestClient.connect(base, fresh("it-calm-"))) {
            // Far more than the burst, as fast as the client sends; the server's limit is 200 a second.
            int sent = 0;
            try {
                while (sent < 50 * MESSAGE_BURST && !flooder.closedByServer()) {
                    flooder.send("{\"type\":\"ping\",\"id\":" + sent + "}");
                    sent++;
                }
            } catch (CompletionException e) {
                // The server closed while we were still sending: what we wanted to see.
            }
            assertTrue(sent > MESSAGE_BURST, "sent " + sent);
            String firstRefusal = null;
            int pongs = 0;
            while (firstRefusal == null) {
                JsonObject frame = flooder.next();
                if ("pong".equals(frame.getString("type"))) {
                    pongs++;
                } else {
                    firstRefusal = frame.getString("code");
                }
            }
            assertEquals("rate_limited", firstRefusal);
            assertTrue(pongs >= MESSAGE_BURST, "the burst was answered: " + pongs);
            assertEquals(1008, flooder.closeCode());
            bystander.assertAlive();
        }
    }

    @Test
    void connectionsBeyondTheLimitPerAddressAreRefusedWith1013() throws Exception {
        String room = fresh("it-many-");
        List<TestClient> clients = new ArrayList<>();
        try {
            TestClient refused = null;
            JsonObject error = null;
            for (int i = 0; i <= MAX_CONNECTIONS_PER_ADDRESS && refused == null; i++) {
                TestClient client = TestClient.connect(base, room);
                clients.add(client);
                JsonObject first = probe(client);
                if (!isPong(first)) {
                    refused = client;
                    error = first;
                }
            }
            assertNotNull(refused, "a connection beyond " + MAX_CONNECTIONS_PER_ADDRESS + " from one address was refused");
            assertEquals("too_many_connections", error.getString("code"), error.toString());
            assertEquals(1013, refused.closeCode());
            clients.get(0).assertAlive(); // those already open stay open
        } finally {
            clients.forEach(TestClient::close);
        }
        awaitAccepted(room, "a connection is accepted again once the others closed");
    }

    @Test
    void aRoomBeyondTheActiveRoomLimitIsRefusedWith1013() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        String firstRoom = null;
        try {
            TestClient refused = null;
            JsonObject error = null;
            for (int i = 0; i <= MAX_ACTIVE_ROOMS && refused == null; i++) {
                String room = fresh("it-room-");
                firstRoom = firstRoom == null ? room : firstRoom;
                TestClient client = TestClient.connect(base, room);
                clients.add(client);
                JsonObject first = probe(client);
                if (!isPong(first)) {
                    refused = client;
                    error = first;
                }
            }
            assertNotNull(refused, "a room beyond " + MAX_ACTIVE_ROOMS + " active rooms was refused");
            assertEquals("too_many_rooms", error.getString("code"), error.toString());
            assertEquals(1013, refused.closeCode());
            // A room in use still takes more connections.
            try (TestClient another = TestClient.connect(base, firstRoom)) {
                another.assertAlive();
            }
        } finally {
            clients.forEach(TestClient::close);
        }
        awaitAccepted(fresh("it-room-"), "a new room is accepted again once the others closed");
    }

    /**
     * Pings a new connection and returns the first frame it gets: a {@code pong} when the server let it in, or the
     * {@code error} it was refused with (sent before the ping was read).
     */
    private static JsonObject probe(TestClient client) {
        try {
            client.send("{\"type\":\"ping\",\"id\":\"probe\"}");
        } catch (CompletionException e) {
            // Closed already: the error is in the queue.
        }
        return client.next();
    }

    private static boolean isPong(JsonObject frame) {
        return "pong".equals(frame.getString("type"));
    }

    /** Retries, for a bounded time, until a connection to {@code room} is accepted (released places are back). */
    private void awaitAccepted(String room, String what) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            try (TestClient client = TestClient.connect(base, room)) {
                if (isPong(probe(client))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        fail(what + " (within " + RECOVERY + ")");
    }

    // --- The HTTP API of rooms (/api/rooms/{room}/...) obeys the same tokens ---

    private HttpResponse<String> api(String method, String room, String token, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Chromium.pageUrl(base) + "api/rooms/"
                + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/geojson"))
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"type\":\"FeatureCollection\",\"features\":[]}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Let through the filter: the resource answers (whatever it answers; not a refusal of access). */
    private static void assertPassed(HttpResponse<String> response) {
        assertTrue(response.statusCode() != 401 && response.statusCode() != 403,
                response.statusCode() + " " + response.body());
    }

    @Test
    void theHttpApiOfAProtectedRoomNeedsATokenAndAViewTokenMayOnlyRead() throws Exception {
        String room = fresh("secret-");
        HttpResponse<String> none = api("GET", room, null, null);
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(none.body().contains("\"access_denied\""), none.body());
        String view = hs256(claims(300, "\"room\":\"" + room + "\",\"access\":\"view\""));
        String edit = hs256(claims(300, "\"room\":\"" + room + "\",\"access\":\"edit\""));
        assertPassed(api("GET", room, view, null));
        HttpResponse<String> viewPost = api("POST", room, view, null);
        assertEquals(403, viewPost.statusCode(), viewPost.body());
        assertTrue(viewPost.body().contains("\"read_only\""), viewPost.body());
        HttpResponse<String> editPost = api("POST", room, edit, null); // an empty file: nothing imported, at once
        assertEquals(200, editPost.statusCode(), editPost.body());
        HttpResponse<String> expired = api("GET", room, hs256(claims(-3600, "\"room\":\"" + room + "\",\"access\":\"edit\"")), null);
        assertEquals(401, expired.statusCode());
        assertTrue(expired.body().contains("\"token_expired\""), expired.body());
        assertEquals(403, api("GET", room, hs256(claims(300, "\"room\":\"secret-other\",\"access\":\"edit\"")), null).statusCode());
    }

    @Test
    void theHttpApiRefusesChangesFromForeignPagesAndAmbiguousPaths() throws Exception {
        String room = fresh("it-api-");
        assertPassed(api("GET", room, null, "https://evil.example")); // reading: the browser's CORS rules apply
        HttpResponse<String> foreign = api("POST", room, null, "https://evil.example");
        assertEquals(403, foreign.statusCode(), foreign.body());
        HttpResponse<String> own = api("POST", room, null, "http://127.0.0.1:" + base.getPort());
        assertEquals(200, own.statusCode(), own.body());
        HttpResponse<String> dots = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().send(HttpRequest
                .newBuilder(URI.create(Chromium.pageUrl(base) + "api/rooms/" + room + "/..%2Fsecret-x;a=1/geojson")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, dots.statusCode(), dots.body());
    }

    @Test
    void theHttpApiAnswers429WithRetryAfterToAnAddressOverItsRequestRate() throws Exception {
        String room = fresh("it-api-rate-");
        String address = "203.0.113.7"; // TEST-NET-3: as a trusted proxy (127.0.0.1) says the client is
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        URI uri = URI.create(Chromium.pageUrl(base) + "api/rooms/" + room + "/sessions");
        double refusedBefore = rateLimitedErrors(http);

        // As fast as one client sends: the burst, then refusals (a bounded loop; the server refills 5 a second).
        HttpResponse<String> refused = null;
        int served = 0;
        for (int i = 0; i < 40 * API_BURST && refused == null; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("X-Forwarded-For", address)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertEquals(200, response.statusCode(), response.body());
                served++;
            }
        }
        assertNotNull(refused, "a request over the rate was refused");
        assertTrue(served >= API_BURST, "the burst was served: " + served);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
        JsonObject body = jakarta.json.Json.createReader(new java.io.StringReader(refused.body())).readObject();
        assertEquals("rate_limited", body.getString("code"), refused.body());
        assertFalse(body.getString("message").isBlank());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        // Other addresses are served: another client behind the proxy, and the proxy's own requests.
        assertEquals(200, http.send(HttpRequest.newBuilder(uri).header("X-Forwarded-For", "203.0.113.8").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        // And the refusal is counted among the errors by code.
        assertTrue(rateLimitedErrors(http) > refusedBefore, "waypoint_errors_total{code=\"rate_limited\"} grew");
    }

    /** {@code waypoint_errors_total{code="rate_limited"}} now. */
    private double rateLimitedErrors(HttpClient http) throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort()
                + "/metrics")).header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), metrics.body());
        Double value = PrometheusText.parse(metrics.body()).get("waypoint_errors_total{code=\"rate_limited\"}");
        assertNotNull(value, "the rate_limited series");
        return value;
    }

    // --- Page headers ---

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        String page = Chromium.pageUrl(base);
        for (String path : List.of("", "index.html", "js/main.js", "lib/maplibre-gl/maplibre-gl-worker.mjs", "config.json")) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(page + path)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, response.statusCode(), path);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self';"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors "), path + ": " + csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path + ": " + csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("strict-origin-when-cross-origin", response.headers().firstValue("Referrer-Policy").orElse(null), path);
        }
    }
}
