package dev.waypoint.meetup;

import static dev.waypoint.meetup.GreatCircleTest.assertNear;
import static dev.waypoint.meetup.SamplePlaces.APIA;
import static dev.waypoint.meetup.SamplePlaces.FUNAFUTI;
import static dev.waypoint.meetup.SamplePlaces.LONDON;
import static dev.waypoint.meetup.SamplePlaces.NUKUALOFA;
import static dev.waypoint.meetup.SamplePlaces.PARIS;
import static dev.waypoint.meetup.SamplePlaces.SUVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MeetingPointTest {

    private static final double R = GreatCircle.EARTH_RADIUS_METRES;

    @Test
    void twoPointsMeetAtTheMidpointOfTheirArc() {
        MeetingPoint meet = MeetingPoint.of(List.of(LONDON, PARIS));
        assertNear(GreatCircle.interpolate(LONDON, PARIS, 0.5), meet.point());
        assertEquals(GreatCircle.distanceMetres(LONDON, PARIS) / 2, meet.maxDistanceMetres(), 1e-3);
    }

    @Test
    void anAcuteTriangleMeetsAtThePointEquidistantFromAllThree() {
        LatLng a = new LatLng(52.50, 13.30);
        LatLng b = new LatLng(52.50, 13.50);
        LatLng c = new LatLng(52.60, 13.40);
        MeetingPoint meet = MeetingPoint.of(List.of(a, b, c));
        for (LatLng corner : List.of(a, b, c)) {
            assertEquals(meet.maxDistanceMetres(), GreatCircle.distanceMetres(meet.point(), corner), 1e-6);
        }
        assertBruteForceCannotDoBetter(List.of(a, b, c), meet);
    }

    @Test
    void anObtuseTriangleMeetsAtTheMidpointOfItsLongestSide() {
        LatLng a = new LatLng(0, 0);
        LatLng b = new LatLng(0, 0.02);
        LatLng inside = new LatLng(0.001, 0.01);
        MeetingPoint meet = MeetingPoint.of(List.of(a, inside, b));
        assertNear(new LatLng(0, 0.01), meet.point());
        assertEquals(GreatCircle.distanceMetres(a, b) / 2, meet.maxDistanceMetres(), 1e-6);
    }

    @Test
    void fijiAndSamoaMeetBetweenThemAtTheAntimeridianNotAcrossTheWorld() {
        MeetingPoint meet = MeetingPoint.of(List.of(SUVA, APIA));
        assertTrue(Math.abs(meet.point().lng()) > 175, "expected near the antimeridian, got " + meet.point());
        assertEquals(GreatCircle.distanceMetres(SUVA, APIA) / 2, meet.maxDistanceMetres(), 1e-3);
    }

    @Test
    void islandsEitherSideOfTheAntimeridianMeetAmongThem() {
        List<LatLng> islands = List.of(SUVA, FUNAFUTI, APIA, NUKUALOFA);
        MeetingPoint meet = MeetingPoint.of(islands);
        assertTrue(Math.abs(meet.point().lng()) > 170, "expected near the antimeridian, got " + meet.point());
        assertTrue(meet.maxDistanceMetres() < 1_000_000, "expected within 1000 km of all, got " + meet);
        assertBruteForceCannotDoBetter(islands, meet);
    }

    @Test
    void identicalPointsMeetWhereTheyAre() {
        MeetingPoint meet = MeetingPoint.of(List.of(PARIS, PARIS, PARIS));
        assertNear(PARIS, meet.point());
        assertEquals(0, meet.maxDistanceMetres(), 1e-6);
    }

    @Test
    void oneLocationIsItsOwnMeetingPoint() {
        MeetingPoint meet = MeetingPoint.of(List.of(LONDON));
        assertNear(LONDON, meet.point());
        assertEquals(0, meet.maxDistanceMetres(), 1e-6);
    }

    @Test
    void pointsAMetreApartMeetHalfAMetreFromEach() {
        LatLng a = PARIS;
        LatLng b = GreatCircle.destination(PARIS, 45, 1.0);
        MeetingPoint meet = MeetingPoint.of(List.of(a, b));
        assertEquals(0.5, meet.maxDistanceMetres(), 1e-6);
        assertEquals(0.5, GreatCircle.distanceMetres(a, meet.point()), 1e-6);
    }

    @Test
    void nearlyAntipodalPointsMeetHalfwayAlongTheShorterArc() {
        LatLng a = new LatLng(0, 0);
        LatLng b = new LatLng(0, 179.9);
        MeetingPoint meet = MeetingPoint.of(List.of(a, b));
        assertNear(new LatLng(0, 89.95), meet.point());
        assertEquals(Math.toRadians(179.9) * R / 2, meet.maxDistanceMetres(), 1e-3);
    }

    @Test
    void antipodesMeetAQuarterCircleFromBoth() {
        LatLng a = new LatLng(10, 20);
        LatLng b = new LatLng(-10, -160);
        MeetingPoint meet = MeetingPoint.of(List.of(a, b));
        assertEquals(Math.PI / 2 * R, GreatCircle.distanceMetres(a, meet.point()), 1e-3);
        assertEquals(Math.PI / 2 * R, GreatCircle.distanceMetres(b, meet.point()), 1e-3);
        assertEquals(Math.PI / 2 * R, meet.maxDistanceMetres(), 1e-3);
    }

    @Test
    void pointsAroundThePoleMeetAtThePole() {
        List<LatLng> ring = new ArrayList<>();
        for (int lng = -180; lng < 180; lng += 60) {
            ring.add(new LatLng(85, lng));
        }
        MeetingPoint meet = MeetingPoint.of(ring);
        assertEquals(90, meet.point().lat(), 1e-9);
        assertEquals(Math.toRadians(5) * R, meet.maxDistanceMetres(), 1e-3);
    }

    @Test
    void pointsSpreadOverMoreThanAHemisphereStillGetTheBestPoint() {
        // The corners of a regular tetrahedron: no hemisphere holds them.
        double lat = Math.toDegrees(Math.asin(-1.0 / 3));
        List<LatLng> corners = List.of(new LatLng(90, 0), new LatLng(lat, 0), new LatLng(lat, 120),
                new LatLng(lat, -120));
        MeetingPoint meet = MeetingPoint.of(corners);
        // The best is at a corner, arccos(-1/3) (the tetrahedral angle) from the other three.
        assertEquals(Math.acos(-1.0 / 3) * R, meet.maxDistanceMetres(), 1e-3);
        assertBruteForceCannotDoBetter(corners, meet);
    }

    @Test
    void randomGroupsAnywhereAtAnyScaleMatchBruteForce() {
        Random random = new Random(20240607);
        for (int trial = 0; trial < 150; trial++) {
            List<LatLng> group = randomGroup(random, 2 + random.nextInt(49));
            MeetingPoint meet = MeetingPoint.of(group);
            assertBruteForceCannotDoBetter(group, meet);
            assertExhaustiveSearchAgrees(group, meet);
        }
    }

    @Test
    void randomPointsAllOverTheGlobeMatchBruteForce() {
        Random random = new Random(7);
        for (int trial = 0; trial < 25; trial++) {
            List<LatLng> points = new ArrayList<>();
            int count = 2 + random.nextInt(7);
            for (int i = 0; i < count; i++) {
                points.add(uniformOnSphere(random));
            }
            MeetingPoint meet = MeetingPoint.of(points);
            assertBruteForceCannotDoBetter(points, meet);
            assertExhaustiveSearchAgrees(points, meet);
        }
    }

    @Test
    void fiftyPointsTakeWorkLinearInTheirNumber() {
        // Bounds the work by counting containment tests, not by timing. Welzl's algorithm expects about ten per point;
        // the exhaustive search would need tens of thousands for 50 points, as would an unlucky order without the
        // shuffle.
        Random random = new Random(99);
        int trials = 300;
        long total = 0;
        int worst = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<LatLng> group = randomGroup(random, 50);
            int[] work = new int[1];
            MeetingPoint.smallestCap(MeetingPoint.vectors(group), work);
            total += work[0];
            worst = Math.max(worst, work[0]);
        }
        assertTrue(total / trials <= 12 * 50, "mean " + total / trials + " containment tests for 50 points");
        assertTrue(worst <= 30 * 50, "worst " + worst + " containment tests for 50 points");
    }

    @Test
    void noLocationsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MeetingPoint.of(List.of()));
    }

    // Fixtures and checks.

    /** A group around a random place, spread over anything from ten metres to five thousand kilometres. */
    private static List<LatLng> randomGroup(Random random, int size) {
        LatLng centre = uniformOnSphere(random);
        double spread = 10 * Math.pow(10, random.nextDouble() * Math.log10(500_000));
        List<LatLng> group = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            group.add(GreatCircle.destination(centre, random.nextDouble() * 360,
                    spread * Math.sqrt(random.nextDouble())));
        }
        return group;
    }

    private static LatLng uniformOnSphere(Random random) {
        return new LatLng(Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)), random.nextDouble() * 360 - 180);
    }

    private static double farthest(List<LatLng> group, LatLng from) {
        double max = 0;
        for (LatLng point : group) {
            max = Math.max(max, GreatCircle.distanceMetres(from, point));
        }
        return max;
    }

    /**
     * No sampled point is better: samples all over the globe, then ever finer rings around the answer, where a
     * slightly wrong answer would be beaten by a neighbour.
     */
    private static void assertBruteForceCannotDoBetter(List<LatLng> group, MeetingPoint meet) {
        double best = meet.maxDistanceMetres();
        assertEquals(farthest(group, meet.point()), best, 1e-6, "the reported distance is the farthest one");
        double tolerance = 1e-9 * best + 1e-6;
        int globe = 4000;
        for (int i = 0; i < globe; i++) {
            // A Fibonacci lattice: evenly spread samples.
            double z = 1 - (2 * i + 1) / (double) globe;
            LatLng sample = new LatLng(Math.toDegrees(Math.asin(z)), (i * 137.50776405003785) % 360 - 180);
            assertTrue(farthest(group, sample) >= best - tolerance, () -> sample + " beats " + meet);
        }
        for (double span : new double[] {2 * best, best / 10, best / 1000, best / 100_000}) {
            for (int ring = 1; ring <= 10; ring++) {
                for (int bearing = 0; bearing < 360; bearing += 10) {
                    LatLng sample = GreatCircle.destination(meet.point(), bearing, span * ring / 10);
                    assertTrue(farthest(group, sample) >= best - tolerance, () -> sample + " beats " + meet);
                }
            }
        }
    }

    private static void assertExhaustiveSearchAgrees(List<LatLng> group, MeetingPoint meet) {
        MeetingPoint.Cap cap = MeetingPoint.exhaustiveSmallestCap(MeetingPoint.vectors(group), new int[1]);
        assertEquals(farthest(group, cap.centre().toLatLng()), meet.maxDistanceMetres(),
                1e-9 * meet.maxDistanceMetres() + 1e-6, () -> "for " + group);
    }
}
