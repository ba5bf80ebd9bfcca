package dev.waypoint.meetup;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server that answers route and table requests the way OSRM's documented HTTP API (v5, services
 * {@code route/v1} and {@code table/v1}) says OSRM does, over a toy road network. Tests using it test Waypoint's
 * client against that documented API, not OSRM itself: the routes and times are made up, the request and answer
 * formats are OSRM's (coordinates {lng},{lat}; {"code":"Ok",...}; errors as HTTP 400 with {"code","message"}).
 *
 * <p>The toy network: one east-west motorway along latitude {@value #MOTORWAY_LAT} at {@value #MOTORWAY_SPEED} m/s,
 * and every trip drives to it, along it and off it at {@value #LOCAL_SPEED} m/s. Places within
 * {@value #LAKE_RADIUS_METRES} m of {@link #LAKE} are in a lake, unreachable. Destinations of a table are placed on
 * the "roads" by rounding to 0.001 degrees, as OSRM snaps them to its network.
 */
final class OsrmStub implements AutoCloseable {

    /** How the stub answers a service. */
    enum Behaviour {
        /** As documented, with the toy network's routes and times. */
        DOCUMENTED,
        /** HTTP 400 with OSRM's NoRoute error, as for points the network cannot join. */
        NO_ROUTE,
        /** HTTP 500 with a plain-text body, as a failing proxy in front of the router would. */
        HTTP_500,
        /** HTTP 200 with an HTML page: a wrong base URL. */
        NOT_JSON,
        /** HTTP 200 with code Ok but no route. */
        EMPTY_ROUTES,
        /** HTTP 200 with a valid answer padded to more than 100 KiB. */
        OVERSIZED,
        /** Documented answers, but only when the test is over. */
        SLOW
    }

    static final double MOTORWAY_LAT = 52.5;
    static final double MOTORWAY_SPEED = 30;
    static final double LOCAL_SPEED = 10;
    static final LatLng LAKE = new LatLng(52.35, 13.1);
    static final double LAKE_RADIUS_METRES = 2000;

    /** The base URL has a path prefix, as a router behind a reverse proxy does. */
    private static final String PREFIX = "/osrm";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour routes = Behaviour.DOCUMENTED;
    private volatile Behaviour tables = Behaviour.DOCUMENTED;

    private OsrmStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor); // handlers may block (SLOW) without stopping other requests
        server.createContext(PREFIX + "/", this::handle);
        server.start();
    }

    static OsrmStub start() {
        try {
            return new OsrmStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX);
    }

    void answerRoutes(Behaviour behaviour) {
        routes = behaviour;
    }

    void answerTables(Behaviour behaviour) {
        tables = behaviour;
    }

    /** The requests received so far, as sent (path and query). */
    List<URI> requests() {
        return List.copyOf(requests);
    }

    List<URI> requests(String service) {
        return requests.stream().filter(uri -> uri.getPath().startsWith(PREFIX + "/" + service + "/")).toList();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // The toy network. Tests compute what to expect from the same functions.

    static boolean reachable(LatLng point) {
        return GreatCircle.distanceMetres(point, LAKE) > LAKE_RADIUS_METRES;
    }

    static LatLng snap(LatLng point) {
        return new LatLng(Math.round(point.lat() * 1000) / 1000.0, Math.round(point.lng() * 1000) / 1000.0);
    }

    static List<LatLng> line(LatLng from, LatLng to) {
        return List.of(from, new LatLng(MOTORWAY_LAT, from.lng()), new LatLng(MOTORWAY_LAT, to.lng()), to);
    }

    static double metres(LatLng from, LatLng to) {
        return localMetres(from, to) + motorwayMetres(from, to);
    }

    static double seconds(LatLng from, LatLng to) {
        return localMetres(from, to) / LOCAL_SPEED + motorwayMetres(from, to) / MOTORWAY_SPEED;
    }

    /** Travel time as the table service gives it: OSRM's tables are in steps of 0.1 s. */
    static double tableSeconds(LatLng from, LatLng to) {
        return Math.round(seconds(from, to) * 10) / 10.0;
    }

    private static double localMetres(LatLng from, LatLng to) {
        List<LatLng> line = line(from, to);
        return GreatCircle.distanceMetres(line.get(0), line.get(1)) + GreatCircle.distanceMetres(line.get(2), line.get(3));
    }

    private static double motorwayMetres(LatLng from, LatLng to) {
        List<LatLng> line = line(from, to);
        return GreatCircle.distanceMetres(line.get(1), line.get(2));
    }

    /** Parses the {lng},{lat};{lng},{lat} segment of a request as sent. */
    static List<LatLng> coordinates(URI request) {
        String[] segments = request.getPath().split("/");
        List<LatLng> points = new ArrayList<>();
        for (String pair : segments[segments.length - 1].split(";")) {
            String[] lngLat = pair.split(",");
            points.add(new LatLng(Double.parseDouble(lngLat[1]), Double.parseDouble(lngLat[0])));
        }
        return points;
    }

    static Map<String, String> query(URI request) {
        Map<String, String> parameters = new HashMap<>();
        if (request.getRawQuery() != null) {
            for (String parameter : request.getRawQuery().split("&")) {
                String[] nameValue = parameter.split("=", 2);
                parameters.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        return parameters;
    }

    // The server.

    private void handle(HttpExchange exchange) throws IOException {
        try {
            URI uri = exchange.getRequestURI();
            requests.add(uri);
            // /osrm/{service}/v1/{profile}/{coordinates}
            String[] segments = uri.getPath().substring(PREFIX.length()).split("/");
            if (segments.length != 5 || !"v1".equals(segments[2])) {
                error(exchange, "InvalidUrl", "URL string malformed close to position 1: \"/\"");
                return;
            }
            List<LatLng> points;
            try {
                points = coordinates(uri);
            } catch (RuntimeException e) {
                error(exchange, "InvalidQuery", "Query string malformed close to position 0");
                return;
            }
            switch (segments[1]) {
                case "route" -> route(exchange, points);
                case "table" -> table(exchange, points, query(uri));
                default -> error(exchange, "InvalidService", "Service " + segments[1] + " not found!");
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, List<LatLng> points) throws IOException {
        Behaviour behaviour = routes;
        if (misbehave(exchange, behaviour)) {
            return;
        }
        LatLng from = points.get(0);
        LatLng to = points.get(points.size() - 1);
        if (behaviour == Behaviour.NO_ROUTE || !reachable(from) || !reachable(to)) {
            error(exchange, "NoRoute", "Impossible route between points");
            return;
        }
        JsonArrayBuilder routeList = Json.createArrayBuilder();
        if (behaviour != Behaviour.EMPTY_ROUTES) {
            double seconds = seconds(from, to);
            routeList.add(Json.createObjectBuilder()
                    .add("geometry", Json.createObjectBuilder()
                            .add("coordinates", positions(line(from, to)))
                            .add("type", "LineString"))
                    .add("legs", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("steps", Json.createArrayBuilder())
                            .add("summary", "")
                            .add("weight", seconds)
                            .add("duration", seconds)
                            .add("distance", metres(from, to))))
                    .add("weight_name", "routability")
                    .add("weight", seconds)
                    .add("duration", seconds)
                    .add("distance", metres(from, to)));
        }
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("code", "Ok")
                .add("routes", routeList)
                .add("waypoints", waypoints(List.of(from, to)));
        ok(exchange, answer, behaviour);
    }

    private void table(HttpExchange exchange, List<LatLng> points, Map<String, String> query) throws IOException {
        Behaviour behaviour = tables;
        if (misbehave(exchange, behaviour)) {
            return;
        }
        if (behaviour == Behaviour.NO_ROUTE) {
            error(exchange, "NoTable", "No table found");
            return;
        }
        List<LatLng> sources = pick(points, query.get("sources"));
        List<LatLng> destinations = pick(points, query.get("destinations")).stream().map(OsrmStub::snap).toList();
        JsonArrayBuilder durations = Json.createArrayBuilder();
        for (LatLng source : sources) {
            JsonArrayBuilder row = Json.createArrayBuilder();
            for (LatLng destination : destinations) {
                if (reachable(source) && reachable(destination)) {
                    row.add(tableSeconds(source, destination));
                } else {
                    row.addNull();
                }
            }
            durations.add(row);
        }
        ok(exchange, Json.createObjectBuilder()
                .add("code", "Ok")
                .add("durations", durations)
                .add("sources", waypoints(sources))
                .add("destinations", waypoints(destinations)), behaviour);
    }

    /** Answers for the behaviours that are not about content; true if it did. */
    private boolean misbehave(HttpExchange exchange, Behaviour behaviour) throws IOException {
        switch (behaviour) {
            case HTTP_500 -> {
                send(exchange, 500, "text/plain", "Internal Server Error");
                return true;
            }
            case NOT_JSON -> {
                send(exchange, 200, "text/html", "<html><body><h1>It works!</h1></body></html>");
                return true;
            }
            case SLOW -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static List<LatLng> pick(List<LatLng> points, String indexes) {
        if (indexes == null || indexes.equals("all")) {
            return points;
        }
        List<LatLng> picked = new ArrayList<>();
        for (String index : indexes.split(";")) {
            picked.add(points.get(Integer.parseInt(index)));
        }
        return picked;
    }

    private static JsonArrayBuilder positions(List<LatLng> points) {
        JsonArrayBuilder positions = Json.createArrayBuilder();
        points.forEach(point -> positions.add(Json.createArrayBuilder().add(point.lng()).add(point.lat())));
        return positions;
    }

    private static JsonArrayBuilder waypoints(List<LatLng> points) {
        JsonArrayBuilder waypoints = Json.createArrayBuilder();
        for (LatLng point : points) {
            waypoints.add(Json.createObjectBuilder()
                    .add("hint", "")
                    .add("distance", 0)
                    .add("name", "")
                    .add("location", Json.createArrayBuilder().add(point.lng()).add(point.lat())));
        }
        return waypoints;
    }

    private static void ok(HttpExchange exchange, JsonObjectBuilder answer, Behaviour behaviour) throws IOException {
        String body = answer.build().toString();
        if (behaviour == Behaviour.OVERSIZED) {
            body = body + " ".repeat(100 * 1024); // still valid JSON: whitespace after the value
        }
        send(exchange, 200, "application/json; charset=UTF-8", body);
    }

    private static void error(HttpExchange exchange, String code, String message) throws IOException {
        JsonObject answer = Json.createObjectBuilder().add("code", code).add("message", message).build();
        send(exchange, 400, "application/json; charset=UTF-8", answer.toString());
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
