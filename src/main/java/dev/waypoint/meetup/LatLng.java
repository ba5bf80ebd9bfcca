package dev.waypoint.meetup;

/**
 * A point in WGS 84 degrees, as this package computes with it: latitude within [-90, 90], longitude within
 * [-180, 180] (a finite longitude outside that range is wrapped, as the map reports longitudes past &plusmn;180 after
 * panning across the antimeridian). Anything else is refused with {@link IllegalArgumentException}.
 */
public record LatLng(double lat, double lng) {

    public LatLng {
        if (!Double.isFinite(lat) || !Double.isFinite(lng)) {
            throw new IllegalArgumentException("lat and lng must be finite, got lat=" + lat + ", lng=" + lng);
        }
        if (lat < -90 || lat > 90) {
            throw new IllegalArgumentException("lat must be within [-90, 90], got " + lat);
        }
        if (lng < -180 || lng > 180) {
            lng = ((lng + 180) % 360 + 360) % 360 - 180;
        }
        // -0.0 would make equal points unequal records (Double.compare tells them apart).
        lat += 0.0;
        lng += 0.0;
    }
}
