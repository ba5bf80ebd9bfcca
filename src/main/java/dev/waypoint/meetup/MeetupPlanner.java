package dev.waypoint.meetup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plans a meetup: a meeting point for participants sharing their locations and a route from each of them to it.
 *
 * <p>Without a road router, the point is the {@link MeetingPoint} (shortest longest great-circle distance) and the
 * routes are straight: {@link MeetupPlan.Method#GREAT_CIRCLE}. With one, the point is chosen on travel time: a few
 * dozen candidates around the great-circle point, at the participants and between them are timed with one table
 * request, the one with the shortest longest travel time wins (placed on the road network by the router), and each
 * participant's route to it comes from the router: {@link MeetupPlan.Method#ROUTER}.
 *
 * <p>Guarantees: {@link #plan} always returns a plan and returns within the time budget (plus the great-circle
 * computation, well under a millisecond for dozens of participants). If the router fails, in any way, or has not
 * answered everything within the budget, the plan is the great-circle one with a short {@link MeetupPlan#note} saying
 * why; requests still running are cancelled. Synchronous (it waits for the router) and thread-safe (it keeps no
 * state between calls), so call it outside any lock that others wait on.
 */
public final class MeetupPlanner {

    /** A budget that covers a router on the same network several times over, but not an unhealthy one. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);

    /**
     * Coordinates per table request: osrm-routed refuses more by default ({@code --max-table-size 100}), so
     * candidates are cut to fit beside the participants.
     */
    static final int MAX_TABLE_COORDINATES = 100;

    /** Candidates timed per plan; enough to follow the roads' pull without making the table large. */
    static final int MAX_CANDIDATES = 32;

    /** Bearings of the rings of candidates around the great-circle point. */
    private static final int RING_BEARINGS = 8;

    /** Candidates closer than this to an earlier one are left out: the router would time the same place twice. */
    private static final double SAME_PLACE_METRES = 1.0;

    private static final Logger LOGGER = Logger.getLogger(MeetupPlanner.class.getName());

    private final RoadRouter router;
    private final Duration budget;

    /**
     * @param router the road router, or null to plan on great circles only
     * @param budget how long {@link #plan} may wait for the router, all requests together
     */
    public MeetupPlanner(RoadRouter router, Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the router's time budget must be positive, got " + budget);
        }
        this.router = router;
        this.budget = budget;
    }

    /** A planner without road router: great-circle point and straight routes, always. */
    public static MeetupPlanner greatCircleOnly() {
        return new MeetupPlanner(null, DEFAULT_BUDGET);
    }

    /**
     * Plans the meetup of the given participants, normally two or more.
     *
     * @param participants each participant's id and location; the plan's routes follow the map's iteration order
     * @throws IllegalArgumentException if there are no participants, or an id or location is null
     */
    public MeetupPlan plan(Map<String, LatLng> participants) {
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a meetup needs participants");
        }
        List<String> ids = new ArrayList<>(participants.size());
        List<LatLng> locations = new ArrayList<>(participants.size());
        participants.forEach((id, location) -> {
            if (id == null || location == null) {
                throw new IllegalArgumentException("participant ids and locations must not be null");
            }
            ids.add(id);
            locations.add(location);
        });
        MeetingPoint nearest = MeetingPoint.of(locations);
        if (router == null) {
            return straight(ids, locations, nearest.point(), null);
        }
        try {
            return byRoad(ids, locations, nearest);
        } catch (RouterException e) {
            LOGGER.log(Level.INFO, "meetup of {0} participants: road router failed ({1}), using straight routes",
                    new Object[] {ids.size(), e.getMessage()});
            return straight(ids, locations, nearest.point(), fallbackNote(e.getMessage()));
        } catch (RuntimeException e) {
            // A fault in the router's code must not cost the group its meeting point.
            LOGGER.log(Level.WARNING, "meetup: road router failed unexpectedly, using straight routes", e);
            return straight(ids, locations, nearest.point(),
                    fallbackNote("unexpected " + e.getClass().getSimpleName()));
        }
    }

    private static String fallbackNote(String reason) {
        return "Road router failed (" + reason + "); straight lines shown instead.";
    }

    private static MeetupPlan straight(List<String> ids, List<LatLng> locations, LatLng point, String note) {
        List<MeetupPlan.ParticipantRoute> routes = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            LatLng from = locations.get(i);
            routes.add(new MeetupPlan.ParticipantRoute(ids.get(i), List.of(from, point),
                    GreatCircle.distanceMetres(from, point), null));
        }
        return new MeetupPlan(point, MeetupPlan.Method.GREAT_CIRCLE, note, routes);
    }

    private MeetupPlan byRoad(List<String> ids, List<LatLng> locations, MeetingPoint nearest)
            throws RouterException {
        long deadline = System.nanoTime() + budget.toNanos();
        int room = MAX_TABLE_COORDINATES - locations.size();
        if (room < 1) {
            throw new RouterException("more than " + (MAX_TABLE_COORDINATES - 1) + " participants");
        }
        List<LatLng> candidates = candidates(locations, nearest, Math.min(MAX_CANDIDATES, room));
        TravelTimes times = await(router.travelTimes(locations, candidates), deadline);
        if (times.sourceCount() != locations.size() || times.destinationCount() != candidates.size()) {
            throw new RouterException("travel times of the wrong size");
        }
        LatLng point = times.destination(quickestForEveryone(times));

        List<CompletableFuture<RoadRoute>> pending = new ArrayList<>(locations.size());
        try {
            for (LatLng location : locations) {
                pending.add(router.route(location, point));
            }
            List<MeetupPlan.ParticipantRoute> routes = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                RoadRoute route = await(pending.get(i), deadline);
                routes.add(new MeetupPlan.ParticipantRoute(ids.get(i), route.points(), route.distanceMetres(),
                        route.durationSeconds()));
            }
            return new MeetupPlan(point, MeetupPlan.Method.ROUTER, null, routes);
        } finally {
            for (CompletableFuture<RoadRoute> future : pending) {
                future.cancel(true); // no effect on those already done
            }
        }
    }

    /**
     * The candidate with the shortest longest travel time; among equals, the shortest total, then the first (the
     * great-circle point comes first).
     */
    private static int quickestForEveryone(TravelTimes times) throws RouterException {
        int best = -1;
        double bestLongest = Double.POSITIVE_INFINITY;
        double bestTotal = Double.POSITIVE_INFINITY;
        for (int j = 0; j < times.destinationCount(); j++) {
            double longest = 0;
            double total = 0;
            for (int i = 0; i < times.sourceCount(); i++) {
                longest = Math.max(longest, times.seconds(i, j));
                total += times.seconds(i, j);
            }
            if (longest < bestLongest || (longest == bestLongest && total < bestTotal)) {
                best = j;
                bestLongest = longest;
                bestTotal = total;
            }
        }
        if (best < 0) {
            throw new RouterException("no meeting point everyone can reach by road");
        }
        return best;
    }

    /**
     * Places worth timing, best guesses first: the great-circle point, rings around it at a quarter and half of its
     * reach (roads pull the quickest point away from it, in any direction), the participants' own places (meeting
     * at someone's is often quickest), then midpoints between pairs of them.
     */
    static List<LatLng> candidates(List<LatLng> locations, MeetingPoint nearest, int limit) {
        List<LatLng> candidates = new ArrayList<>(limit);
        add(candidates, nearest.point(), limit);
        double reach = nearest.maxDistanceMetres();
        if (reach > SAME_PLACE_METRES) {
            for (double fraction : new double[] {0.25, 0.5}) {
                for (int b = 0; b < RING_BEARINGS; b++) {
                    add(candidates, GreatCircle.destination(nearest.point(), b * 360.0 / RING_BEARINGS,
                            fraction * reach), limit);
                }
            }
        }
        for (LatLng location : locations) {
            add(candidates, location, limit);
        }
        for (int i = 0; i < locations.size() && candidates.size() < limit; i++) {
            for (int j = i + 1; j < locations.size() && candidates.size() < limit; j++) {
                add(candidates, GreatCircle.interpolate(locations.get(i), locations.get(j), 0.5), limit);
            }
        }
        return candidates;
    }

    private static void add(List<LatLng> candidates, LatLng candidate, int limit) {
        if (candidates.size() >= limit) {
            return;
        }
        for (LatLng existing : candidates) {
            if (GreatCircle.distanceMetres(existing, candidate) < SAME_PLACE_METRES) {
                return;
            }
        }
        candidates.add(candidate);
    }

    private <T> T await(CompletableFuture<T> future, long deadline) throws RouterException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RouterException("no answer within " + budget.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RouterException cause) {
                throw cause;
            }
            throw new RouterException("unexpected " + e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (CancellationException e) {
            throw new RouterException("request cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new RouterException("interrupted", e);
        }
    }
}
