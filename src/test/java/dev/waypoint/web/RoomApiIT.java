package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Saved sessions and GeoJSON over HTTP on the real server, with WebSocket clients of the same room watching: a
 * restore and an import are one change each, received alike by every client; a refused file changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
class RoomApiIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    private static final Duration QUIET = Duration.ofMillis(500);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("waypoint.war")));
    }

    private URI api(String room, String path) {
        return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath().replaceAll("/$", "") + "/api/rooms/"
                + room + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static JsonArray array(String json) {
        return Json.createReader(new StringReader(json)).readArray();
    }

    private static String addPin(String label, double lat, double lng) {
        return "{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "},\"label\":\""
                + label + "\"}}";
    }

    @Test
    void sessionsAreSavedListedRestoredForEveryoneAndDeleted() throws Exception {
        String room = "api-" + UUID.randomUUID();
        try (TestClient a = TestClient.connectVersion2(base, room); TestClient b = TestClient.connectVersion2(base, room);
             TestClient demo = TestClient.connect(base, room)) {
            a.nextOfType("snapshot");
            b.nextOfType("snapshot");
            a.send(addPin("Station", 52.52, 13.37)).nextOfType("pinAdded");
            demo.setPin(52.5, 13.4);
            assertEquals("pinUpdate", demo.next().getString("type"));
            a.nextOfType("pinAdded");

            HttpResponse<String> saved = send(HttpRequest.newBuilder(api(room, "/sessions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Before lunch\",\"author\":\"Ada\"}")));
            assertEquals(201, saved.statusCode(), saved.body());
            JsonObject session = object(saved.body());
            assertEquals("Before lunch", session.getString("name"));
            assertEquals("Ada", session.getString("author"));
            assertEquals(2, session.getInt("pins"));
            assertEquals(session, b.nextOfType("sessionSaved").getJsonObject("session"));

            HttpResponse<String> list = send(HttpRequest.newBuilder(api(room, "/sessions")).GET());
            assertEquals(200, list.statusCode());
            assertEquals(session, array(list.body()).getJsonObject(0));

            a.send(addPin("Later", 1, 2)).nextOfType("pinAdded");
            demo.setPin(10, 10);
            assertEquals(10, demo.next().getJsonObject("location").getInt("lat"));
            b.nextOfType("pinAdded");
            b.nextOfType("pinUpdated");

            HttpResponse<String> restored = send(HttpRequest.newBuilder(api(room, "/sessions/" + session.getString("id")
                    + "/restore")).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, restored.statusCode(), restored.body());
            long version = object(restored.body()).getJsonNumber("version").longValue();
            JsonObject atA = a.nextOfType("roomRestored");
            JsonObject atB = b.nextOfType("roomRestored");
            assertEquals(atA, atB, "one change, the same for everyone");
            assertEquals(version, atA.getJsonNumber("version").longValue());
            assertEquals(2, atA.getJsonArray("pins").size());
            JsonObject moved = demo.next();
            assertEquals(52.5, moved.getJsonObject("location").getJsonNumber("lat").doubleValue(),
                    "the demo client's pin went back too");

            assertEquals(204, send(HttpRequest.newBuilder(api(room, "/sessions/" + session.getString("id"))).DELETE())
                    .statusCode());
            assertEquals(session.getString("id"), b.nextOfType("sessionDeleted").getString("sessionId"));
            HttpResponse<String> again = send(HttpRequest.newBuilder(api(room, "/sessions/" + session.getString("id")))
                    .DELETE());
            assertEquals(404, again.statusCode());
            assertEquals("not_found", object(again.body()).getString("code"));

            HttpResponse<String> nameless = send(HttpRequest.newBuilder(api(room, "/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[1]")));
            assertEquals(400, nameless.statusCode());
            assertEquals("not_an_object", object(nameless.body()).getString("code"));
        }
    }

    @Test
    void theRoomIsExportedAsGeoJson() throws Exception {
        String room = "api-" + UUID.randomUUID();
        try (TestClient a = TestClient.connectVersion2(base, room)) {
            a.nextOfType("snapshot");
            a.send(addPin("Harbour", 53.54, 9.98)).nextOfType("pinAdded");
            a.send("{\"type\":\"addRoute\",\"route\":{\"points\":[{\"pinId\":\"p1\"},{\"lat\":53.55,\"lng\":10.0}],"
                    + "\"label\":\"Walk\"}}").nextOfType("routeAdded");
        }
        HttpResponse<String> export = send(HttpRequest.newBuilder(api(room, "/geojson")).GET());
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("application/geo+json"));
        assertTrue(export.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        JsonObject collection = object(export.body());
        assertEquals("FeatureCollection", collection.getString("type"));
        JsonArray features = collection.getJsonArray("features");
        assertEquals(2, features.size());
        assertEquals("Point", features.getJsonObject(0).getJsonObject("geometry").getString("type"));
        assertEquals(9.98, features.getJsonObject(0).getJsonObject("geometry").getJsonArray("coordinates")
                .getJsonNumber(0).doubleValue(), "[lng, lat]");
        assertEquals("LineString", features.getJsonObject(1).getJsonObject("geometry").getString("type"));
    }

    @Test
    void anImportIsOneChangeForEveryoneAndARefusedFileChangesNothing() throws Exception {
        String room = "api-" + UUID.randomUUID();
        try (TestClient a = TestClient.connectVersion2(base, room)) {
            // b connects once a is in the room, so that a hears of b's join (both could otherwise join at once)
            long before = a.nextOfType("snapshot").getJsonNumber("version").longValue();
            TestClient b = TestClient.connectVersion2(base, room);
            b.nextOfType("snapshot");
            a.nextOfType("participantJoined");
            String file = """
                    {"type":"FeatureCollection","features":[
                      {"type":"Feature","id":"a","properties":{"title":"Cafe","marker-color":"#00897b","stars":4},
                       "geometry":{"type":"Point","coordinates":[13.4,52.5]}},
                      {"type":"Feature","properties":{"name":"Museum"},"geometry":{"type":"Point","coordinates":[13.39,52.52,34]}},
                      {"type":"Feature","properties":{"name":"Park"},
                       "geometry":{"type":"Polygon","coordinates":[[[13,52],[13.1,52],[13.1,52.1],[13,52]]]}},
                      {"type":"Feature","properties":{"stroke":"#3949ab"},
                       "geometry":{"type":"LineString","coordinates":[[13.4,52.5],[13.39,52.52]]}}]}""";
            HttpResponse<String> imported = send(HttpRequest.newBuilder(api(room, "/geojson?author=Ada"))
                    .header("Content-Type", "application/geo+json").POST(HttpRequest.BodyPublishers.ofString(file)));
            assertEquals(200, imported.statusCode(), imported.body());
            JsonObject result = object(imported.body());
            assertEquals(2, result.getInt("pins"));
            assertEquals(1, result.getInt("routes"));
            assertEquals(1, result.getJsonArray("skipped").size(), "the polygon");
            assertEquals(2, result.getJsonArray("skipped").getJsonObject(0).getInt("feature"));

            String atA = a.nextFrame();
            String atB = b.nextFrame();
            assertEquals(atA, atB, "one change, the same frame for everyone");
            JsonObject change = object(atA);
            assertEquals("featuresImported", change.getString("type"));
            assertEquals(before + 2, change.getJsonNumber("version").longValue(), "the join, then the import");
            assertEquals("Cafe", change.getJsonArray("pins").getJsonObject(0).getString("label"));
            assertEquals("Ada", change.getJsonArray("pins").getJsonObject(0).getString("createdBy"));

            String broken = """
                    {"type":"FeatureCollection","features":[
                      {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[13.4,52.5]}},
                      {"type":"Feature","id":"bad-lat","properties":{},"geometry":{"type":"Point","coordinates":[13.4,200]}},
                      {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[13.4,"x"],[1,2]]}}]}""";
            HttpResponse<String> refused = send(HttpRequest.newBuilder(api(room, "/geojson"))
                    .header("Content-Type", "application/geo+json").POST(HttpRequest.BodyPublishers.ofString(broken)));
            assertEquals(400, refused.statusCode(), refused.body());
            JsonObject error = object(refused.body());
            assertEquals("invalid_geojson", error.getString("code"));
            JsonArray errors = error.getJsonArray("errors");
            assertEquals(2, errors.size(), errors.toString());
            assertEquals(1, errors.getJsonObject(0).getInt("feature"));
            assertEquals("bad-lat", errors.getJsonObject(0).getString("id"));
            assertEquals(2, errors.getJsonObject(1).getInt("feature"));
            a.assertNothingWithin(QUIET);
            b.assertNothingWithin(QUIET);
            a.send("{\"type\":\"sync\"}");
            assertEquals(change.getJsonNumber("version"), a.nextOfType("snapshot").getJsonNumber("version"),
                    "nothing changed");

            HttpResponse<String> notJson = send(HttpRequest.newBuilder(api(room, "/geojson"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{nope")));
            assertEquals(400, notJson.statusCode());
            assertEquals("malformed_json", object(notJson.body()).getString("code"));
            b.close();
        }
    }
}
