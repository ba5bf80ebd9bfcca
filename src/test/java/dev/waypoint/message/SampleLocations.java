package dev.waypoint.message;

/** Named places for tests. */
public final class SampleLocations {

    public static final Location NEW_YORK = new Location(40.7128, -74.006);
    public static final Location JAKARTA = new Location(-6.2088, 106.8456);
    public static final Location SUVA = new Location(-18.1248, 178.4501);

    private SampleLocations() {
    }

    /** A distinct, valid location for the n-th update of a test (n up to a few million). */
    public static Location numbered(int n) {
        return new Location((n % 1_000_000) / 20_000.0 - 25, (n / 1_000_000) + 0.5);
    }
}
