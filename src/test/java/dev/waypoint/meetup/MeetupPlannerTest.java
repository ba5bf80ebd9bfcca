package dev.waypoint.meetup;

import static dev.waypoint.meetup.SamplePlaces.APIA;
import static dev.waypoint.meetup.SamplePlaces.LONDON;
import static dev.waypoint.meetup.SamplePlaces.PARIS;
import static dev.waypoint.meetup.SamplePlaces.SUVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.meetup.MeetupPlan.Method;
import dev.waypoint.meetup.MeetupPlan.ParticipantRoute;
import dev.waypoint.meetup.OsrmStub.Behaviour;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The planner with and without a road router. The router is Waypoint's OSRM client talking to {@link OsrmStub}, a
 * real local HTTP server answering as OSRM's documented HTTP API does (toy roads, documented formats): this tests
 * Waypoint's planner and client against the documented API, not OSRM itself.
 */
class MeetupPlannerTest {

    // Two people either side of the motorway and one on it, 20 km east: the great-circle point is east of the first
    // two, but by road they are quickest to meet where the first two join the motorway.
    private static final LatLng SOUTH = new LatLng(52.4, 13.3);
    private static final LatLng NORTH = new LatLng(52.6, 13.3);
    private static final LatLng EAST = new LatLng(52.5, 13.6);

    private final OsrmStub osrm = OsrmStub.start();

    @AfterEach
    void stopOsrm() {
        osrm.close();
    }

    /**
     * A budget for tests that are not about the budget: these shared machines can be so busy that the production
     * budget of 2 s runs out against a local stub, and the planner then (rightly) falls back to great circles.
     */
    private static final Duration UNHURRIED = Duration.ofSeconds(60);

    private MeetupPlanner plannerWithRouter(Duration budget) {
        OsrmRouter router = new OsrmRouter(osrm.baseUrl(), "driving", Duration.ofSeconds(30), Duration.ofSeconds(30));
        return new MeetupPlanner(router, budget);
    }

    private static Map<String, LatLng> participants(Object... idsAndLocations) {
        Map<String, LatLng> participants = new LinkedHashMap<>();
        for (int i = 0; i < idsAndLocations.length; i += 2) {
            participants.put((String) idsAndLocations[i], (LatLng) idsAndLocations[i + 1]);
        }
        return participants;
    }

    private static Map<String, LatLng> threeAroundTheMotorway() {
        return participants("south", SOUTH, "north", NORTH, "east", EAST);
    }

    private static double longestTableSeconds(Map<String, LatLng> participants, LatLng point) {
        return participants.values().stream().mapToDouble(from -> OsrmStub.tableSeconds(from, point)).max()
                .orElseThrow();
    }

    @Test
    void withoutARouterTheGroupMeetsAtTheGreatCirclePointByStraightLines() {
        Map<String, LatLng> group = participants("ann", LONDON, "bob", PARIS);

        MeetupPlan plan = MeetupPlanner.greatCircleOnly().plan(group);

        assertEquals(Method.GREAT_CIRCLE, plan.method());
        assertEquals("great-circle", plan.method().label());
        assertNull(plan.note());
        assertEquals(MeetingPoint.of(group.values()).point(), plan.point());
        double half = GreatCircle.distanceMetres(LONDON, PARIS) / 2;
        assertEquals(List.of("ann", "bob"), plan.routes().stream().map(ParticipantRoute::participantId).toList());
        for (ParticipantRoute route : plan.routes()) {
            assertEquals(List.of(group.get(route.participantId()), plan.point()), route.points());
            assertEquals(half, route.distanceMetres(), 1e-3);
            assertNull(route.durationSeconds());
        }
    }

    @Test
    void withoutARouterAGroupAcrossTheAntimeridianMeetsBetweenThem() {
        MeetupPlan plan = MeetupPlanner.greatCircleOnly().plan(participants("fiji", SUVA, "samoa", APIA));
        assertTrue(Math.abs(plan.point().lng()) > 175, "expected near the antimeridian, got " + plan.point());
    }

    @Test
    void withARouterThePointIsTheCandidateWithTheShortestLongestTravelTime() {
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = plannerWithRouter(UNHURRIED).plan(group);

        assertEquals(Method.ROUTER, plan.method());
        assertEquals("router", plan.method().label());
        assertNull(plan.note());
        // Recompute the choice from the candidates the planner sent, as the router placed them.
        List<URI> tables = osrm.requests("table");
        assertEquals(1, tables.size());
        List<LatLng> sent = OsrmStub.coordinates(tables.get(0));
        List<LatLng> candidates = sent.subList(group.size(), sent.size()).stream().map(OsrmStub::snap).toList();
        LatLng quickest = candidates.get(0);
        for (LatLng candidate : candidates) {
            if (longestTableSeconds(group, candidate) < longestTableSeconds(group, quickest)) {
                quickest = candidate;
            }
        }
        assertEquals(quickest, plan.point());
        LatLng greatCircle = OsrmStub.snap(MeetingPoint.of(group.values()).point());
        assertTrue(longestTableSeconds(group, plan.point()) < longestTableSeconds(group, greatCircle) - 60,
                "by road, the chosen point should beat the great-circle point by minutes");
    }

    @Test
    void withARouterTheTableAsksFromEveryParticipantToEveryCandidate() {
        Map<String, LatLng> group = threeAroundTheMotorway();

        plannerWithRouter(UNHURRIED).plan(group);

        URI table = osrm.requests("table").get(0);
        assertTrue(table.getPath().startsWith("/osrm/table/v1/driving/13.3,52.4;13.3,52.6;13.6,52.5;"),
                table.getPath());
        List<LatLng> sent = OsrmStub.coordinates(table);
        assertEquals(MeetingPoint.of(group.values()).point().lat(), sent.get(3).lat(), 1e-6,
                "the great-circle point is the first candidate");
        int candidates = sent.size() - group.size();
        assertTrue(candidates > 10 && candidates <= MeetupPlanner.MAX_CANDIDATES, candidates + " candidates");
        Map<String, String> query = OsrmStub.query(table);
        assertEquals("0;1;2", query.get("sources"));
        assertEquals(IntStream.range(3, sent.size()).mapToObj(String::valueOf).collect(Collectors.joining(";")),
                query.get("destinations"));
    }

    @Test
    void withARouterEachRouteFollowsTheRoadsToThePoint() {
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = plannerWithRouter(UNHURRIED).plan(group);

        assertEquals(List.of("south", "north", "east"),
                plan.routes().stream().map(ParticipantRoute::participantId).toList());
        for (ParticipantRoute route : plan.routes()) {
            LatLng from = group.get(route.participantId());
            assertEquals(OsrmStub.line(from, plan.point()), route.points());
            assertEquals(OsrmStub.metres(from, plan.point()), route.distanceMetres(), 1e-6);
            assertEquals(OsrmStub.seconds(from, plan.point()), route.durationSeconds(), 1e-6);
        }
        assertEquals(group.size(), osrm.requests("route").size());
    }

    @Test
    void withARouterAPointInALakeIsNotChosen() {
        // Around a lake: the great-circle point is in the middle of it, where no road goes.
        Map<String, LatLng> group = participants(
                "a", GreatCircle.destination(OsrmStub.LAKE, 0, 5000),
                "b", GreatCircle.destination(OsrmStub.LAKE, 120, 5000),
                "c", GreatCircle.destination(OsrmStub.LAKE, 240, 5000));
        assertTrue(GreatCircle.distanceMetres(OsrmStub.LAKE, MeetingPoint.of(group.values()).point()) < 1);

        MeetupPlan plan = plannerWithRouter(UNHURRIED).plan(group);

        assertEquals(Method.ROUTER, plan.method());
        assertTrue(OsrmStub.reachable(plan.point()), "chosen point " + plan.point() + " is in the lake");
    }

    @Test
    void whenNoCandidateCanBeReachedByEveryoneTheGroupMeetsByGreatCircle() {
        // Someone is out on the lake: no road reaches them.
        Map<String, LatLng> group = participants("boat", OsrmStub.LAKE, "shore", PARIS);

        MeetupPlan plan = plannerWithRouter(UNHURRIED).plan(group);

        assertGreatCircleFallback(group, plan, "no meeting point everyone can reach by road");
    }

    @Test
    void routerAnsweringNoRouteFallsBackToTheGreatCircleWithANote() {
        osrm.answerRoutes(Behaviour.NO_ROUTE);
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = plannerWithRouter(UNHURRIED).plan(group);

        assertGreatCircleFallback(group, plan, "HTTP 400: NoRoute: Impossible route between points");
    }

    @Test
    void routerFailingWithHttp500FallsBackWithANote() {
        osrm.answerTables(Behaviour.HTTP_500);
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = plannerWithRouter(UNHURRIED).plan(group);

        assertGreatCircleFallback(group, plan, "HTTP 500");
    }

    @Test
    void routerAnsweringGarbageFallsBackWithANote() {
        osrm.answerTables(Behaviour.NOT_JSON);
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = plannerWithRouter(UNHURRIED).plan(group);

        assertGreatCircleFallback(group, plan, "malformed answer: not a JSON object");
    }

    @Test
    void routerSlowerThanTheBudgetFallsBackWithANote() {
        // The stub holds its answers until the test is over, so a plan at all means the budget was kept.
        osrm.answerTables(Behaviour.SLOW);
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = plannerWithRouter(Duration.ofMillis(300)).plan(group);

        assertGreatCircleFallback(group, plan, "no answer within 300 ms");
    }

    @Test
    void routesSlowerThanTheBudgetFallBackWithANote() {
        osrm.answerRoutes(Behaviour.SLOW);
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = plannerWithRouter(Duration.ofMillis(500)).plan(group);

        assertGreatCircleFallback(group, plan, "no answer within 500 ms");
        assertEquals(1, osrm.requests("table").size());
    }

    @Test
    void routerThatThrowsFallsBackWithANote() {
        RoadRouter broken = new RoadRouter() {
            @Override
            public CompletableFuture<TravelTimes> travelTimes(List<LatLng> sources, List<LatLng> destinations) {
                throw new IllegalStateException("bug");
            }

            @Override
            public CompletableFuture<RoadRoute> route(LatLng from, LatLng to) {
                throw new IllegalStateException("bug");
            }
        };
        Map<String, LatLng> group = threeAroundTheMotorway();

        MeetupPlan plan = new MeetupPlanner(broken, UNHURRIED).plan(group);

        assertGreatCircleFallback(group, plan, "unexpected IllegalStateException");
    }

    @Test
    void aPlanNeedsParticipants() {
        assertThrows(IllegalArgumentException.class, () -> MeetupPlanner.greatCircleOnly().plan(Map.of()));
    }

    private static void assertGreatCircleFallback(Map<String, LatLng> group, MeetupPlan plan, String reason) {
        assertEquals(Method.GREAT_CIRCLE, plan.method());
        assertEquals("Road router failed (" + reason + "); straight lines shown instead.", plan.note());
        assertEquals(MeetingPoint.of(group.values()).point(), plan.point());
        assertEquals(List.copyOf(group.keySet()),
                plan.routes().stream().map(ParticipantRoute::participantId).toList());
        for (ParticipantRoute route : plan.routes()) {
            assertEquals(List.of(group.get(route.participantId()), plan.point()), route.points());
            assertNull(route.durationSeconds());
        }
    }
}
