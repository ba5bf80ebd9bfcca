package dev.waypoint.meetup;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A {@link RoadRouter} speaking OSRM's HTTP API (version 5, {@code v1} services), as served by {@code osrm-routed}
 * and by compatible servers. It uses two services of it:
 * <ul>
 *   <li>route: {@code GET {base}/route/v1/{profile}/{lng},{lat};{lng},{lat}?overview=full&geometries=geojson}, whose
 *   answer's first route gives the line ({@code geometry.coordinates}, [lng, lat] pairs), {@code distance} (metres)
 *   and {@code duration} (seconds);</li>
 *   <li>table: {@code GET {base}/table/v1/{profile}/{coordinates}?sources=..&destinations=..&annotations=duration},
 *   whose {@code durations} matrix (seconds, {@code null} where there is no route) gives the travel times and whose
 *   {@code destinations[].location} gives where each destination was placed on the roads.</li>
 * </ul>
 *
 * <p>Guarantees: every call returns at once and its future completes within the request timeout, with the answer or
 * with a {@link RouterException} saying briefly what went wrong: no connection, no answer in time, an HTTP error, an
 * OSRM error code other than {@code Ok} (with OSRM's message), an answer that is not the documented JSON, or one
 * larger than the size limit. Thread-safe; one instance shares one {@link HttpClient} (and its connections) between
 * all calls.
 */
public final class OsrmRouter implements RoadRouter {

    /** The profile of OSRM's own car profile and demo server. */
    public static final String DEFAULT_PROFILE = "driving";

    /** Large enough for a full-detail route across a continent; an answer beyond it is refused unread. */
    static final int DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private static final Logger LOGGER = Logger.getLogger(OsrmRouter.class.getName());

    /** A profile is one path segment: refusing anything else keeps the configured value from reshaping the URL. */
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** How much of the router's own error message is passed on; it ends up in a note shown to users. */
    private static final int MAX_MESSAGE_CHARS = 120;

    private final String base;
    private final String profile;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAnswerBytes;
    private final HttpClient client;
    private final JsonReaderFactory json;

    /**
     * @param baseUrl        the server's address, with any path prefix before {@code /route}, e.g.
     *                       {@code http://localhost:5000} or {@code https://example.org/osrm/}
     * @param profile        the routing profile, e.g. {@value #DEFAULT_PROFILE}
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for a whole answer, connecting included
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL without query or fragment, the
     *                                  profile is not a plain name, or a timeout is not positive
     */
    public OsrmRouter(URI baseUrl, String profile, Duration connectTimeout, Duration requestTimeout) {
        this(baseUrl, profile, connectTimeout, requestTimeout, DEFAULT_MAX_ANSWER_BYTES);
    }

    OsrmRouter(URI baseUrl, String profile, Duration connectTimeout, Duration requestTimeout, int maxAnswerBytes) {
        String scheme = baseUrl.getScheme();
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "the router's base URL must be an absolute http(s) URL without query or fragment: " + baseUrl);
        }
        if (profile == null || !PROFILE.matcher(profile).matches()) {
            throw new IllegalArgumentException("the router profile must be a plain name like 'driving': " + profile);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()
                || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        String url = baseUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.base = url;
        this.profile = profile;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxAnswerBytes = maxAnswerBytes;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what osrm-routed speaks; no h2c upgrade dance
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.json = Json.createReaderFactory(Map.of());
    }

    /** @throws IllegalArgumentException if either list is empty */
    @Override
    public CompletableFuture<TravelTimes> travelTimes(List<LatLng> sources, List<LatLng> destinations) {
        if (sources.isEmpty() || destinations.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one source and one destination");
        }
        List<LatLng> sourceList = List.copyOf(sources);
        List<LatLng> destinationList = List.copyOf(destinations);
        StringJoiner coordinates = new StringJoiner(";");
        StringJoiner sourceIndexes = new StringJoiner(";");
        StringJoiner destinationIndexes = new StringJoiner(";");
        int index = 0;
        for (LatLng source : sourceList) {
            coordinates.add(coordinate(source));
            sourceIndexes.add(Integer.toString(index++));
        }
        for (LatLng destination : destinationList) {
            coordinates.add(coordinate(destination));
            destinationIndexes.add(Integer.toString(index++));
        }
        URI uri = URI.create(base + "/table/v1/" + profile + "/" + coordinates + "?sources=" + sourceIndexes
                + "&destinations=" + destinationIndexes + "&annotations=duration");
        return exchange(uri, body -> parseTable(body, sourceList.size(), destinationList));
    }

    @Override
    public CompletableFuture<RoadRoute> route(LatLng from, LatLng to) {
        URI uri = URI.create(base + "/route/v1/" + profile + "/" + coordinate(from) + ";" + coordinate(to)
                + "?overview=full&geometries=geojson");
        return exchange(uri, OsrmRouter::parseRoute);
    }

    /** OSRM's order is longitude first. Six decimals (about 0.1 m), never in exponent notation. */
    static String coordinate(LatLng point) {
        return decimal(point.lng()) + "," + decimal(point.lat());
    }

    private static String decimal(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(JsonObject okAnswer) throws RouterException;
    }

    private <T> CompletableFuture<T> exchange(URI uri, Parser<T> parser) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "Waypoint meetup")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> sent =
                client.sendAsync(request, info -> new CappedBody(maxAnswerBytes));
        // HttpRequest.timeout stops at the response headers; orTimeout also bounds a body that trickles in.
        return sent.thenApply(response -> {
                    try {
                        return parser.parse(okAnswer(response));
                    } catch (RouterException e) {
                        throw new CompletionException(e);
                    }
                })
                .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((value, failure) -> {
                    if (failure == null) {
                        return value;
                    }
                    sent.cancel(true); // aborts the exchange if it is still running
                    RouterException e = translate(failure);
                    LOGGER.log(Level.FINE, e, () -> "router request " + uri.getRawPath() + " failed: " + e.getMessage());
                    throw new CompletionException(e);
                });
    }

    private RouterException translate(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RouterException e) {
            return e;
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new RouterException("no connection within " + millis(connectTimeout), cause);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new RouterException("no answer within " + millis(requestTimeout), cause);
        }
        if (cause instanceof ConnectException) {
            return new RouterException("cannot connect", cause);
        }
        if (cause instanceof IOException) {
            return new RouterException("connection failed (" + cause.getClass().getSimpleName() + ")", cause);
        }
        if (cause instanceof CancellationException) {
            return new RouterException("request cancelled", cause);
        }
        return new RouterException("unexpected failure (" + cause.getClass().getSimpleName() + ")", cause);
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /** The answer's JSON object if it is a documented success; otherwise the error it documents, briefly. */
    private JsonObject okAnswer(HttpResponse<byte[]> response) throws RouterException {
        JsonObject answer = readObject(response.body());
        if (response.statusCode() != 200) {
            // OSRM answers its errors (NoRoute, InvalidQuery, ...) with HTTP 400 and {"code":..,"message":..}.
            String detail = answer == null ? null : codeAndMessage(answer);
            throw new RouterException("HTTP " + response.statusCode() + (detail == null ? "" : ": " + detail));
        }
        if (answer == null) {
            throw malformed("not a JSON object");
        }
        if (!(answer.get("code") instanceof JsonString code)) {
            throw malformed("no code");
        }
        if (!"Ok".equals(code.getString())) {
            throw new RouterException(codeAndMessage(answer));
        }
        return answer;
    }

    private JsonObject readObject(byte[] body) {
        try (JsonReader reader = json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException notAJsonObject) {
            return null;
        }
    }

    private static String codeAndMessage(JsonObject answer) {
        if (!(answer.get("code") instanceof JsonString code)) {
            return null;
        }
        String text = answer.get("message") instanceof JsonString message
                ? code.getString() + ": " + message.getString()
                : code.getString();
        text = text.replaceAll("\\p{Cntrl}", " ");
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static RoadRoute parseRoute(JsonObject answer) throws RouterException {
        JsonArray routes = array(answer.get("routes"), "routes");
        if (routes.isEmpty()) {
            throw malformed("no route");
        }
        JsonObject route = object(routes.get(0), "route");
        JsonObject geometry = object(route.get("geometry"), "geometry");
        JsonArray coordinates = array(geometry.get("coordinates"), "geometry coordinates");
        List<LatLng> points = new ArrayList<>(coordinates.size());
        for (JsonValue coordinate : coordinates) {
            points.add(position(coordinate));
        }
        if (points.size() < 2) {
            throw malformed("a route line needs two points");
        }
        return new RoadRoute(points, nonNegative(route.get("distance"), "distance"),
                nonNegative(route.get("duration"), "duration"));
    }

    private static TravelTimes parseTable(JsonObject answer, int sourceCount, List<LatLng> destinations)
            throws RouterException {
        JsonArray rows = array(answer.get("durations"), "durations");
        if (rows.size() != sourceCount) {
            throw malformed(rows.size() + " rows of durations for " + sourceCount + " sources");
        }
        double[][] seconds = new double[sourceCount][];
        for (int i = 0; i < sourceCount; i++) {
            JsonArray row = array(rows.get(i), "durations row");
            if (row.size() != destinations.size()) {
                throw malformed(row.size() + " durations for " + destinations.size() + " destinations");
            }
            seconds[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                JsonValue value = row.get(j);
                seconds[i][j] = value == JsonValue.NULL ? Double.POSITIVE_INFINITY : nonNegative(value, "duration");
            }
        }
        return new TravelTimes(seconds, snapped(answer.get("destinations"), destinations));
    }

    /**
     * Where OSRM placed the destinations on its roads ({@code destinations[].location}); the requested points where
     * the answer does not say, since the placement is a refinement, not something to fail over.
     */
    private static List<LatLng> snapped(JsonValue waypoints, List<LatLng> requested) {
        if (!(waypoints instanceof JsonArray array) || array.size() != requested.size()) {
            return requested;
        }
        List<LatLng> placed = new ArrayList<>(requested.size());
        for (int j = 0; j < requested.size(); j++) {
            try {
                placed.add(position(object(array.get(j), "waypoint").get("location")));
            } catch (RouterException notAPosition) {
                placed.add(requested.get(j));
            }
        }
        return placed;
    }

    /** A GeoJSON position, [lng, lat] (anything after those two, such as an altitude, is ignored). */
    private static LatLng position(JsonValue value) throws RouterException {
        JsonArray pair = array(value, "position");
        if (pair.size() < 2) {
            throw malformed("a position needs [lng, lat]");
        }
        double lng = number(pair.get(0), "longitude");
        double lat = number(pair.get(1), "latitude");
        if (lat < -90 || lat > 90) {
            throw malformed("latitude " + lat + " out of range");
        }
        return new LatLng(lat, lng);
    }

    private static JsonArray array(JsonValue value, String what) throws RouterException {
        if (value instanceof JsonArray array) {
            return array;
        }
        throw malformed(what + " is not an array");
    }

    private static JsonObject object(JsonValue value, String what) throws RouterException {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw malformed(what + " is not an object");
    }

    private static double number(JsonValue value, String what) throws RouterException {
        if (value instanceof JsonNumber number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        throw malformed(what + " is not a finite number");
    }

    private static double nonNegative(JsonValue value, String what) throws RouterException {
        double number = number(value, what);
        if (number < 0) {
            throw malformed(what + " is negative");
        }
        return number;
    }

    private static RouterException malformed(String detail) {
        return new RouterException("malformed answer: " + detail);
    }

    /**
     * Collects an answer's body up to a limit, and fails as soon as it would exceed it, so that a misconfigured
     * endpoint (a tile server, a file download) cannot fill the heap.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    body.completeExceptionally(new RouterException("answer larger than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
