package dev.waypoint.meetup;

/** Named places for tests. */
final class SamplePlaces {

    static final LatLng LONDON = new LatLng(51.5074, -0.1278);
    static final LatLng PARIS = new LatLng(48.8566, 2.3522);
    static final LatLng BERLIN = new LatLng(52.52, 13.405);
    static final LatLng NEW_YORK = new LatLng(40.7128, -74.006);
    static final LatLng SYDNEY = new LatLng(-33.8688, 151.2093);
    static final LatLng TOKYO = new LatLng(35.6762, 139.6503);
    static final LatLng QUITO = new LatLng(-0.1807, -78.4678);
    static final LatLng NAIROBI = new LatLng(-1.2921, 36.8219);
    static final LatLng SANTIAGO = new LatLng(-33.4489, -70.6693);

    // Either side of the antimeridian.
    static final LatLng SUVA = new LatLng(-18.1248, 178.4501);
    static final LatLng FUNAFUTI = new LatLng(-8.5211, 179.1983);
    static final LatLng APIA = new LatLng(-13.8333, -171.7667);
    static final LatLng NUKUALOFA = new LatLng(-21.1394, -175.2049);

    private SamplePlaces() {
    }
}
