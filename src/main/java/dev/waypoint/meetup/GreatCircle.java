package dev.waypoint.meetup;

/**
 * Great-circle geometry on a sphere of the mean Earth radius ({@value #EARTH_RADIUS_METRES} m, IUGG). Distances are
 * within about 0.5% of the WGS 84 ellipsoid's geodesics, which is plenty for choosing where to meet. Every method
 * works across the antimeridian and at the poles, and is accurate to rounding at every distance, from millimetres to
 * antipodes.
 */
public final class GreatCircle {

    /** The mean Earth radius R1 = (2a + b) / 3 of WGS 84, in metres. */
    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private GreatCircle() {
    }

    /**
     * The great-circle distance between two points in metres, in [0, &pi; R]: the haversine formula, except near
     * antipodes, where it loses precision and the distance is half the circumference less the (haversine) distance
     * to the antipode.
     */
    public static double distanceMetres(LatLng a, LatLng b) {
        double h = haversine(a.lat(), a.lng(), b.lat(), b.lng());
        if (h <= 0.5) {
            return 2 * EARTH_RADIUS_METRES * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
        }
        double toAntipode = haversine(a.lat(), a.lng(), -b.lat(), b.lng() + 180);
        return EARTH_RADIUS_METRES
                * (Math.PI - 2 * Math.atan2(Math.sqrt(toAntipode), Math.sqrt(Math.max(0, 1 - toAntipode))));
    }

    /** The haversine of the angle between two points: sin&sup2;(&theta;/2), in [0, 1]. */
    private static double haversine(double lat1Degrees, double lng1Degrees, double lat2Degrees, double lng2Degrees) {
        double lat1 = Math.toRadians(lat1Degrees);
        double lat2 = Math.toRadians(lat2Degrees);
        double sinHalfLat = Math.sin((lat2 - lat1) / 2);
        double sinHalfLng = Math.sin(Math.toRadians(lng2Degrees - lng1Degrees) / 2);
        return Math.min(1, sinHalfLat * sinHalfLat + Math.cos(lat1) * Math.cos(lat2) * sinHalfLng * sinHalfLng);
    }

    /**
     * The point a {@code fraction} of the way from {@code a} to {@code b} along the shorter great-circle arc
     * (0 gives {@code a}, 1 gives {@code b}, values outside [0, 1] extrapolate along the same circle). Between
     * antipodes, where every great circle is a shortest path, it follows one fixed circle.
     */
    public static LatLng interpolate(LatLng a, LatLng b, double fraction) {
        if (!Double.isFinite(fraction)) {
            throw new IllegalArgumentException("fraction must be finite, got " + fraction);
        }
        UnitVector u = UnitVector.of(a);
        UnitVector w = UnitVector.of(b);
        double angle = u.angleTo(w);
        // v: the unit vector 90 degrees from u towards w, so that the arc is cos(t) u + sin(t) v. Its direction is
        // rounding noise when w is (nearly) u or -u; then, for antipodes, any perpendicular will do.
        double along = u.dot(w);
        double vx = w.x() - along * u.x();
        double vy = w.y() - along * u.y();
        double vz = w.z() - along * u.z();
        UnitVector v;
        if (Math.sqrt(vx * vx + vy * vy + vz * vz) > 1e-9) {
            v = UnitVector.normalized(vx, vy, vz);
        } else if (angle < Math.PI / 2) {
            // Points within millimetres: a straight line between them is the arc.
            return UnitVector.normalized(u.x() + fraction * (w.x() - u.x()), u.y() + fraction * (w.y() - u.y()),
                    u.z() + fraction * (w.z() - u.z())).toLatLng();
        } else {
            v = u.perpendicular();
        }
        return along(u, v, fraction * angle).toLatLng();
    }

    /**
     * The point reached from {@code start} by travelling {@code distanceMetres} along the great circle that leaves
     * it at {@code bearingDegrees} (clockwise from north). At a pole, north is taken along {@code start}'s meridian.
     */
    public static LatLng destination(LatLng start, double bearingDegrees, double distanceMetres) {
        if (!Double.isFinite(bearingDegrees) || !Double.isFinite(distanceMetres)) {
            throw new IllegalArgumentException("bearing and distance must be finite");
        }
        double lat = Math.toRadians(start.lat());
        double lng = Math.toRadians(start.lng());
        double bearing = Math.toRadians(bearingDegrees);
        double sinLat = Math.sin(lat);
        double cosLat = Math.cos(lat);
        double sinLng = Math.sin(lng);
        double cosLng = Math.cos(lng);
        // Local north and east unit vectors at start; well defined at the poles too, given start's longitude.
        double dx = Math.cos(bearing) * (-sinLat * cosLng) + Math.sin(bearing) * (-sinLng);
        double dy = Math.cos(bearing) * (-sinLat * sinLng) + Math.sin(bearing) * cosLng;
        double dz = Math.cos(bearing) * cosLat;
        return along(UnitVector.of(start), new UnitVector(dx, dy, dz), distanceMetres / EARTH_RADIUS_METRES)
                .toLatLng();
    }

    /** The point {@code angle} radians from u towards the orthogonal unit vector v. */
    private static UnitVector along(UnitVector u, UnitVector v, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return UnitVector.normalized(c * u.x() + s * v.x(), c * u.y() + s * v.y(), c * u.z() + s * v.z());
    }
}
