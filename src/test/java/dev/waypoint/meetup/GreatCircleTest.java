package dev.waypoint.meetup;

import static dev.waypoint.meetup.SamplePlaces.APIA;
import static dev.waypoint.meetup.SamplePlaces.LONDON;
import static dev.waypoint.meetup.SamplePlaces.NAIROBI;
import static dev.waypoint.meetup.SamplePlaces.NEW_YORK;
import static dev.waypoint.meetup.SamplePlaces.PARIS;
import static dev.waypoint.meetup.SamplePlaces.QUITO;
import static dev.waypoint.meetup.SamplePlaces.SANTIAGO;
import static dev.waypoint.meetup.SamplePlaces.SUVA;
import static dev.waypoint.meetup.SamplePlaces.SYDNEY;
import static dev.waypoint.meetup.SamplePlaces.TOKYO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GreatCircleTest {

    private static final double R = GreatCircle.EARTH_RADIUS_METRES;

    /** Geodesic distances on the WGS 84 ellipsoid (Vincenty's inverse formula), for the sphere to be held to. */
    static Stream<Arguments> cityPairs() {
        return Stream.of(
                Arguments.of("London-Paris", LONDON, PARIS, 343_923.1),
                Arguments.of("New York-London", NEW_YORK, LONDON, 5_585_233.6),
                Arguments.of("Sydney-Tokyo", SYDNEY, TOKYO, 7_792_174.8),
                Arguments.of("Suva-Apia (across the antimeridian)", SUVA, APIA, 1_149_526.7),
                Arguments.of("Quito-Nairobi (along the equator)", QUITO, NAIROBI, 12_832_705.5),
                Arguments.of("Santiago-Sydney", SANTIAGO, SYDNEY, 11_368_984.5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cityPairs")
    void distanceBetweenCitiesIsWithinHalfAPercentOfTheEllipsoidsGeodesic(String pair, LatLng a, LatLng b,
                                                                            double geodesicMetres) {
        double distance = GreatCircle.distanceMetres(a, b);
        assertEquals(geodesicMetres, distance, geodesicMetres * 0.005, pair);
        assertEquals(distance, GreatCircle.distanceMetres(b, a), 1e-6, "symmetric");
    }

    @Test
    void equatorToPoleIsAQuarterOfTheCircumference() {
        assertEquals(Math.PI / 2 * R, GreatCircle.distanceMetres(new LatLng(0, 37), new LatLng(90, 0)), 1e-6);
    }

    @Test
    void antipodesAreHalfTheCircumferenceApart() {
        assertEquals(Math.PI * R, GreatCircle.distanceMetres(new LatLng(10, 20), new LatLng(-10, -160)), 1e-6);
    }

    @Test
    void pointsMetresApartAreMeasuredToTheMillimetre() {
        LatLng a = new LatLng(48.8566, 2.3522);
        LatLng b = GreatCircle.destination(a, 33, 1.0);
        assertEquals(1.0, GreatCircle.distanceMetres(a, b), 1e-3);
        assertEquals(0.0, GreatCircle.distanceMetres(a, a));
    }

    @Test
    void distanceAcrossTheAntimeridianTakesTheShortWay() {
        double oneDegreeOfEquator = Math.PI * R / 180;
        assertEquals(oneDegreeOfEquator, GreatCircle.distanceMetres(new LatLng(0, 179.5), new LatLng(0, -179.5)),
                1e-6);
    }

    @Test
    void interpolationStartsAtTheFirstPointAndEndsAtTheSecond() {
        assertNear(LONDON, GreatCircle.interpolate(LONDON, PARIS, 0));
        assertNear(PARIS, GreatCircle.interpolate(LONDON, PARIS, 1));
    }

    @Test
    void interpolationHalfwayIsEquidistantAndOnTheArc() {
        LatLng half = GreatCircle.interpolate(NEW_YORK, LONDON, 0.5);
        double whole = GreatCircle.distanceMetres(NEW_YORK, LONDON);
        assertEquals(whole / 2, GreatCircle.distanceMetres(NEW_YORK, half), 1e-3);
        assertEquals(whole / 2, GreatCircle.distanceMetres(half, LONDON), 1e-3);
    }

    @Test
    void interpolationAcrossTheAntimeridianStaysNearIt() {
        LatLng half = GreatCircle.interpolate(SUVA, APIA, 0.5);
        assertTrue(Math.abs(half.lng()) > 175, "expected near the antimeridian, got " + half);
        assertEquals(GreatCircle.distanceMetres(SUVA, APIA) / 2, GreatCircle.distanceMetres(SUVA, half), 1e-3);
    }

    @Test
    void interpolationBetweenAntipodesFollowsOneGreatCircle() {
        LatLng a = new LatLng(10, 20);
        LatLng b = new LatLng(-10, -160);
        LatLng quarter = GreatCircle.interpolate(a, b, 0.25);
        LatLng half = GreatCircle.interpolate(a, b, 0.5);
        assertEquals(Math.PI / 4 * R, GreatCircle.distanceMetres(a, quarter), 1e-3);
        assertEquals(Math.PI / 2 * R, GreatCircle.distanceMetres(a, half), 1e-3);
        assertEquals(Math.PI / 4 * R, GreatCircle.distanceMetres(quarter, half), 1e-3);
    }

    @Test
    void destinationTravelsTheDistanceOnTheBearing() {
        LatLng east = GreatCircle.destination(LONDON, 90, 100_000);
        assertEquals(100_000, GreatCircle.distanceMetres(LONDON, east), 1e-6);
        assertTrue(east.lng() > LONDON.lng());
        LatLng north = GreatCircle.destination(LONDON, 0, 100_000);
        assertEquals(LONDON.lng(), north.lng(), 1e-9);
        assertEquals(LONDON.lat() + Math.toDegrees(100_000 / R), north.lat(), 1e-9);
    }

    @Test
    void destinationCrossesThePoleAndTheAntimeridian() {
        LatLng overThePole = GreatCircle.destination(new LatLng(89, 0), 0, 2 * Math.PI * R / 180);
        assertNear(new LatLng(89, 180), overThePole);
        LatLng overTheAntimeridian = GreatCircle.destination(new LatLng(0, 179.5), 90, Math.PI * R / 180);
        assertNear(new LatLng(0, -179.5), overTheAntimeridian);
    }

    @Test
    void longitudesPastTheAntimeridianAreWrappedAndBadCoordinatesRefused() {
        assertEquals(new LatLng(10, -170), new LatLng(10, 190));
        assertEquals(new LatLng(10, 170), new LatLng(10, -550));
        assertEquals(new LatLng(0, 0), new LatLng(-0.0, -0.0));
        assertThrows(IllegalArgumentException.class, () -> new LatLng(90.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new LatLng(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new LatLng(0, Double.POSITIVE_INFINITY));
    }

    static void assertNear(LatLng expected, LatLng actual) {
        assertEquals(0, GreatCircle.distanceMetres(expected, actual), 1e-3, () -> expected + " vs " + actual);
    }
}
