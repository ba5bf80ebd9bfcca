package dev.waypoint.meetup;

/**
 * A point on the unit sphere in Earth-centred coordinates. The geometry works on these rather than on degrees
 * because they have no seam at the antimeridian and no singularity at the poles.
 */
record UnitVector(double x, double y, double z) {

    static UnitVector of(LatLng point) {
        double lat = Math.toRadians(point.lat());
        double lng = Math.toRadians(point.lng());
        double cosLat = Math.cos(lat);
        return new UnitVector(cosLat * Math.cos(lng), cosLat * Math.sin(lng), Math.sin(lat));
    }

    /** The direction of (x, y, z), or null when it is too short to have one. */
    static UnitVector normalized(double x, double y, double z) {
        double length = Math.sqrt(x * x + y * y + z * z);
        if (!(length > 1e-300)) {
            return null;
        }
        return new UnitVector(x / length, y / length, z / length);
    }

    LatLng toLatLng() {
        return new LatLng(Math.toDegrees(Math.atan2(z, Math.hypot(x, y))), Math.toDegrees(Math.atan2(y, x)));
    }

    double dot(UnitVector other) {
        return x * other.x + y * other.y + z * other.z;
    }

    /**
     * The squared straight-line (chord) distance between two points of the unit sphere. It grows with the angle
     * all the way to antipodes and, unlike the angle's cosine, keeps its precision for points metres apart.
     */
    double chord2(UnitVector other) {
        double dx = x - other.x;
        double dy = y - other.y;
        double dz = z - other.z;
        return dx * dx + dy * dy + dz * dz;
    }

    /** The angle to another point in radians, accurate at every distance (atan2 of sine and cosine). */
    double angleTo(UnitVector other) {
        double cx = y * other.z - z * other.y;
        double cy = z * other.x - x * other.z;
        double cz = x * other.y - y * other.x;
        return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot(other));
    }

    /**
     * The midpoint of the shorter arc to another point. For antipodes, where every great circle is a shortest path,
     * a fixed point a quarter circle from both; likewise for points so nearly antipodal that the direction of their
     * sum is rounding noise (under 1e-9 rad from antipodal, where either answer is within millimetres of optimal).
     */
    UnitVector midpoint(UnitVector other) {
        double sx = x + other.x;
        double sy = y + other.y;
        double sz = z + other.z;
        double length = Math.sqrt(sx * sx + sy * sy + sz * sz);
        return length > 1e-9 ? new UnitVector(sx / length, sy / length, sz / length) : perpendicular();
    }

    UnitVector opposite() {
        return new UnitVector(-x, -y, -z);
    }

    /** A point 90 degrees away, always the same one for the same input. */
    UnitVector perpendicular() {
        // Cross with the axis least aligned with this vector, so the result is never degenerate.
        double ax = Math.abs(x);
        double ay = Math.abs(y);
        double az = Math.abs(z);
        if (ax <= ay && ax <= az) {
            return normalized(0, z, -y);
        } else if (ay <= az) {
            return normalized(-z, 0, x);
        }
        return normalized(y, -x, 0);
    }
}
