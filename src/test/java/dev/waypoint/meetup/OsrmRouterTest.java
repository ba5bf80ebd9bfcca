package dev.waypoint.meetup;

import static dev.waypoint.meetup.SamplePlaces.BERLIN;
import static dev.waypoint.meetup.SamplePlaces.PARIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waypoint.meetup.OsrmStub.Behaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Waypoint's OSRM client against {@link OsrmStub}, a real local HTTP server answering as OSRM's documented HTTP API
 * does. These tests check that the client speaks the documented API and survives its failures; they do not test
 * OSRM itself.
 */
class OsrmRouterTest {

    private static final LatLng NORTH_OF_THE_MOTORWAY = new LatLng(52.6, 13.3);
    private static final LatLng SOUTH_OF_THE_MOTORWAY = new LatLng(52.4, 13.5);

    private final OsrmStub osrm = OsrmStub.start();

    @AfterEach
    void stopOsrm() {
        osrm.close();
    }

    private OsrmRouter router() {
        return router(Duration.ofSeconds(10));
    }

    private OsrmRouter router(Duration requestTimeout) {
        return new OsrmRouter(osrm.baseUrl(), OsrmRouter.DEFAULT_PROFILE, Duration.ofSeconds(2), requestTimeout);
    }

    private static <T> T answer(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static String failure(CompletableFuture<?> future) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(RouterException.class, thrown.getCause()).getMessage();
    }

    @Test
    void routeRequestNamesTheProfileAndGivesLongitudeFirst() throws Exception {
        answer(router().route(PARIS, BERLIN));

        URI request = osrm.requests().get(0);
        assertEquals("/osrm/route/v1/driving/2.3522,48.8566;13.405,52.52", request.getPath());
        assertEquals(Map.of("overview", "full", "geometries", "geojson"), OsrmStub.query(request));
    }

    @Test
    void routeFollowsTheGeometryTheRouterReturns() throws Exception {
        RoadRoute route = answer(router().route(NORTH_OF_THE_MOTORWAY, SOUTH_OF_THE_MOTORWAY));

        assertEquals(OsrmStub.line(NORTH_OF_THE_MOTORWAY, SOUTH_OF_THE_MOTORWAY), route.points());
        assertEquals(OsrmStub.metres(NORTH_OF_THE_MOTORWAY, SOUTH_OF_THE_MOTORWAY), route.distanceMetres(), 1e-6);
        assertEquals(OsrmStub.seconds(NORTH_OF_THE_MOTORWAY, SOUTH_OF_THE_MOTORWAY), route.durationSeconds(), 1e-6);
    }

    @Test
    void profileAndPathPrefixOfTheConfigurationAreKept() throws Exception {
        URI withSlash = URI.create(osrm.baseUrl() + "/");
        OsrmRouter cycling = new OsrmRouter(withSlash, "cycling", Duration.ofSeconds(2), Duration.ofSeconds(10));

        answer(cycling.route(PARIS, BERLIN));

        assertEquals("/osrm/route/v1/cycling/2.3522,48.8566;13.405,52.52", osrm.requests().get(0).getPath());
    }

    @Test
    void tableRequestGivesSourcesThenDestinationsByIndexAndAsksForDurations() throws Exception {
        answer(router().travelTimes(List.of(PARIS, BERLIN), List.of(NORTH_OF_THE_MOTORWAY)));

        URI request = osrm.requests().get(0);
        assertEquals("/osrm/table/v1/driving/2.3522,48.8566;13.405,52.52;13.3,52.6", request.getPath());
        assertEquals(Map.of("sources", "0;1", "destinations", "2", "annotations", "duration"),
                OsrmStub.query(request));
    }

    @Test
    void tableGivesTravelTimesAndWhereTheRouterPlacedTheDestinations() throws Exception {
        LatLng offRoad = new LatLng(52.60012, 13.30049);
        List<LatLng> sources = List.of(NORTH_OF_THE_MOTORWAY, SOUTH_OF_THE_MOTORWAY, BERLIN);
        List<LatLng> destinations = List.of(offRoad, PARIS);

        TravelTimes times = answer(router().travelTimes(sources, destinations));

        assertEquals(3, times.sourceCount());
        assertEquals(2, times.destinationCount());
        for (int i = 0; i < sources.size(); i++) {
            for (int j = 0; j < destinations.size(); j++) {
                assertEquals(OsrmStub.tableSeconds(sources.get(i), OsrmStub.snap(destinations.get(j))),
                        times.seconds(i, j), 1e-9);
            }
        }
        assertEquals(new LatLng(52.6, 13.3), times.destination(0));
        assertEquals(OsrmStub.snap(PARIS), times.destination(1));
    }

    @Test
    void tableMarksDestinationsWithoutRouteAsUnreachable() throws Exception {
        TravelTimes times = answer(router().travelTimes(List.of(BERLIN), List.of(OsrmStub.LAKE, PARIS)));

        assertEquals(Double.POSITIVE_INFINITY, times.seconds(0, 0));
        assertEquals(OsrmStub.tableSeconds(BERLIN, OsrmStub.snap(PARIS)), times.seconds(0, 1), 1e-9);
    }

    @Test
    void noRouteBecomesARouterExceptionWithOsrmsCodeAndMessage() {
        assertEquals("HTTP 400: NoRoute: Impossible route between points",
                failure(router().route(BERLIN, OsrmStub.LAKE)));
    }

    @Test
    void okCodeWithoutARouteIsMalformed() {
        osrm.answerRoutes(Behaviour.EMPTY_ROUTES);
        assertEquals("malformed answer: no route", failure(router().route(PARIS, BERLIN)));
    }

    @Test
    void serverErrorBecomesARouterException() {
        osrm.answerRoutes(Behaviour.HTTP_500);
        osrm.answerTables(Behaviour.HTTP_500);

        assertEquals("HTTP 500", failure(router().route(PARIS, BERLIN)));
        assertEquals("HTTP 500", failure(router().travelTimes(List.of(PARIS), List.of(BERLIN))));
    }

    @Test
    void answerThatIsNotJsonIsMalformed() {
        osrm.answerTables(Behaviour.NOT_JSON);
        assertEquals("malformed answer: not a JSON object",
                failure(router().travelTimes(List.of(PARIS), List.of(BERLIN))));
    }

    @Test
    void answerLargerThanTheLimitIsRefused() {
        osrm.answerRoutes(Behaviour.OVERSIZED);
        OsrmRouter router = new OsrmRouter(osrm.baseUrl(), "driving", Duration.ofSeconds(2), Duration.ofSeconds(10),
                64 * 1024);
        assertEquals("answer larger than 65536 bytes", failure(router.route(PARIS, BERLIN)));
    }

    @Test
    void routerSlowerThanTheRequestTimeoutTimesOut() {
        osrm.answerRoutes(Behaviour.SLOW);
        assertEquals("no answer within 200 ms", failure(router(Duration.ofMillis(200)).route(PARIS, BERLIN)));
    }

    @Test
    void routerThatIsNotListeningCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OsrmRouter router = new OsrmRouter(URI.create("http://127.0.0.1:" + closedPort), "driving",
                Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertEquals("cannot connect", failure(router.route(PARIS, BERLIN)));
    }

    @Test
    void coordinatesHaveSixDecimalsAtMostAndNoExponent() {
        assertEquals("-0.000001,0.00001", OsrmRouter.coordinate(new LatLng(0.00001, -0.0000012)));
        assertEquals("0,-33.868801", OsrmRouter.coordinate(new LatLng(-33.8688009, 0.0000001)));
        assertEquals("180,90", OsrmRouter.coordinate(new LatLng(90, 180)));
    }

    @Test
    void configurationThatCouldReshapeTheUrlIsRefused() {
        Duration second = Duration.ofSeconds(1);
        URI base = osrm.baseUrl();
        assertThrows(IllegalArgumentException.class, () -> new OsrmRouter(base, "driving/../table", second, second));
        assertThrows(IllegalArgumentException.class, () -> new OsrmRouter(base, "", second, second));
        assertThrows(IllegalArgumentException.class,
                () -> new OsrmRouter(URI.create("ftp://example.org"), "driving", second, second));
        assertThrows(IllegalArgumentException.class,
                () -> new OsrmRouter(URI.create("http://example.org/osrm?key=1"), "driving", second, second));
        assertThrows(IllegalArgumentException.class, () -> new OsrmRouter(base, "driving", second, Duration.ZERO));
    }
}
