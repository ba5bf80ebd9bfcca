package dev.waypoint.meetup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a group should meet when nothing but distance counts: the point whose longest great-circle distance to any
 * of the group is as short as it can be (the centre of the smallest spherical cap holding them all), and that
 * distance.
 *
 * <p>Guarantees: the point is optimal to rounding, for any input: two points give the midpoint of the arc between
 * them; points across the antimeridian or around a pole meet among them, not on the far side of the Earth; identical
 * points meet where they are. Work is linear in the number of points (expected; with a fixed shuffle, so the same
 * input always gives the same point: some tens of microseconds for 50 points), except in the rare case where no cap
 * smaller than a hemisphere holds them (a group spread over most of the globe), which is solved by exhaustive search,
 * cubic in their number (a few milliseconds for 50 points).
 *
 * @param point             the meeting point
 * @param maxDistanceMetres the great-circle distance from the point to the farthest of the group
 */
public record MeetingPoint(LatLng point, double maxDistanceMetres) {

    /**
     * Relative slack on containment tests, so that rounding does not make a point on a cap's rim fall outside it
     * (and Welzl's algorithm rebuild the cap for nothing). It widens a cap by 5e-11 of its radius: nothing on the
     * ground.
     */
    private static final double SLACK = 1e-10;

    public MeetingPoint {
        if (point == null || !(maxDistanceMetres >= 0)) {
            throw new IllegalArgumentException("a meeting point needs a point and a distance >= 0");
        }
    }

    /**
     * The minimax meeting point of one or more locations.
     *
     * @throws IllegalArgumentException if {@code locations} is empty or holds null
     */
    public static MeetingPoint of(Collection<LatLng> locations) {
        List<UnitVector> points = vectors(locations);
        UnitVector centre = smallestCap(points, new int[1]).centre();
        LatLng point = centre.toLatLng();
        double max = 0;
        for (LatLng location : locations) {
            max = Math.max(max, GreatCircle.distanceMetres(point, location));
        }
        return new MeetingPoint(point, max);
    }

    static List<UnitVector> vectors(Collection<LatLng> locations) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("a meeting point needs at least one location");
        }
        List<UnitVector> points = new ArrayList<>(locations.size());
        for (LatLng location : locations) {
            if (location == null) {
                throw new IllegalArgumentException("locations must not hold null");
            }
            points.add(UnitVector.of(location));
        }
        return points;
    }

    /** A spherical cap: its centre and the squared chord from the centre to its rim. */
    record Cap(UnitVector centre, double chord2) {

        boolean contains(UnitVector point) {
            return point.chord2(centre) <= chord2 * (1 + SLACK) + 1e-30;
        }

        /** True when the cap is smaller than a hemisphere by a safe margin (chord2 of a hemisphere is 2). */
        boolean withinHemisphere() {
            return chord2 < 2 * (1 - 1e-9);
        }
    }

    /**
     * The smallest cap holding all points. Welzl's algorithm (in its iterative form) is correct for caps smaller
     * than a hemisphere, where the problem is as well behaved as the plane's smallest enclosing circle. Its answer
     * is checked; if it is not such a cap, the points are spread over more than a hemisphere and the exhaustive
     * search decides. {@code work[0]} counts containment tests, so tests can bound the work without timing it.
     */
    static Cap smallestCap(List<UnitVector> input, int[] work) {
        List<UnitVector> points = new ArrayList<>(input);
        // A fixed-seed shuffle: expected linear time whatever the input order, same answer for the same input.
        SplittableRandom random = new SplittableRandom(0x5EED_CA9L);
        for (int i = points.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            UnitVector swap = points.get(i);
            points.set(i, points.get(j));
            points.set(j, swap);
        }
        Cap cap = new Cap(points.get(0), 0);
        for (int i = 1; i < points.size(); i++) {
            UnitVector p = points.get(i);
            work[0]++;
            if (cap.contains(p)) {
                continue;
            }
            // p is on the rim of the smallest cap holding points 0..i.
            cap = new Cap(p, 0);
            for (int j = 0; j < i; j++) {
                UnitVector q = points.get(j);
                work[0]++;
                if (cap.contains(q)) {
                    continue;
                }
                // p and q are both on the rim of the smallest cap holding points 0..j and p.
                cap = capThrough(p, q);
                for (int k = 0; k < j; k++) {
                    UnitVector r = points.get(k);
                    work[0]++;
                    if (!cap.contains(r)) {
                        cap = capThrough(p, q, r);
                    }
                }
            }
        }
        if (cap.withinHemisphere() && containsAll(cap, points, work)) {
            return cap;
        }
        return exhaustiveSmallestCap(points, work);
    }

    private static boolean containsAll(Cap cap, List<UnitVector> points, int[] work) {
        for (UnitVector point : points) {
            work[0]++;
            if (!cap.contains(point)) {
                return false;
            }
        }
        return true;
    }

    /** The smallest cap with a and b on its rim: centred on the midpoint of their arc. */
    private static Cap capThrough(UnitVector a, UnitVector b) {
        UnitVector centre = a.midpoint(b);
        return new Cap(centre, Math.max(centre.chord2(a), centre.chord2(b)));
    }

    /**
     * The smaller cap with a, b and c on its rim. If they are too nearly on one line for that to be trusted (two of
     * them coincide), the largest of the three two-point caps, which then holds the third point.
     */
    private static Cap capThrough(UnitVector a, UnitVector b, UnitVector c) {
        UnitVector centre = circleCentre(a, b, c);
        if (centre == null) {
            return largestPairCap(a, b, c);
        }
        return new Cap(centre, Math.max(centre.chord2(a), Math.max(centre.chord2(b), centre.chord2(c))));
    }

    private static Cap largestPairCap(UnitVector a, UnitVector b, UnitVector c) {
        Cap best = capThrough(a, b);
        for (Cap cap : List.of(capThrough(a, c), capThrough(b, c))) {
            if (cap.chord2() > best.chord2()) {
                best = cap;
            }
        }
        return best;
    }

    /**
     * The centre of the smaller of the two caps whose rim is the circle through a, b and c, or null if they (nearly)
     * lie on one line, which for points of a sphere means two of them coincide.
     *
     * <p>The circle's centre in space, o, is where the perpendicular from the Earth's centre meets the points' plane,
     * so the cap's centre is o's direction. For small circles o is computed from the triangle itself (its
     * circumcentre), which is accurate to rounding however small the triangle; the plane's normal, the obvious
     * alternative, would tilt by the triangle's relative rounding error and move the centre by that times the Earth's
     * radius (millimetres for a triangle metres across). For circles near a great circle o nears the Earth's centre
     * and its direction is noise, so there the normal is used, which is then accurate.
     */
    static UnitVector circleCentre(UnitVector a, UnitVector b, UnitVector c) {
        double ux = b.x() - a.x();
        double uy = b.y() - a.y();
        double uz = b.z() - a.z();
        double vx = c.x() - a.x();
        double vy = c.y() - a.y();
        double vz = c.z() - a.z();
        double wx = uy * vz - uz * vy;
        double wy = uz * vx - ux * vz;
        double wz = ux * vy - uy * vx;
        double u2 = ux * ux + uy * uy + uz * uz;
        double v2 = vx * vx + vy * vy + vz * vz;
        double w2 = wx * wx + wy * wy + wz * wz;
        // Relative to the edges' lengths, so that a small triangle is judged by its shape, not by its size.
        if (!(w2 > 1e-24 * u2 * v2)) {
            return null;
        }
        // o = a + (|u|^2 (v x w) + |v|^2 (w x u)) / (2 |w|^2), the circumcentre of the triangle.
        double scale = 1 / (2 * w2);
        double ox = a.x() + (u2 * (vy * wz - vz * wy) + v2 * (wy * uz - wz * uy)) * scale;
        double oy = a.y() + (u2 * (vz * wx - vx * wz) + v2 * (wz * ux - wx * uz)) * scale;
        double oz = a.z() + (u2 * (vx * wy - vy * wx) + v2 * (wx * uy - wy * ux)) * scale;
        if (ox * ox + oy * oy + oz * oz > 0.25) {
            return UnitVector.normalized(ox, oy, oz);
        }
        double w = Math.sqrt(w2);
        UnitVector normal = new UnitVector(wx / w, wy / w, wz / w);
        // The smaller cap is on the side of the points (for a great circle, either side will do).
        return normal.dot(a) + normal.dot(b) + normal.dot(c) >= 0 ? normal : normal.opposite();
    }

    /**
     * The smallest cap by exhaustion, for any points, however spread. The centre of the best cap is equidistant from
     * the points on its rim; a local minimum of the farthest distance needs at least two of them on the rim (then it
     * is the midpoint of their shorter arc) or three (then it is one of the two poles of the circle through them), so
     * the centre is among those candidates, or is one of the points when they all coincide.
     */
    static Cap exhaustiveSmallestCap(List<UnitVector> points, int[] work) {
        ExhaustiveSearch search = new ExhaustiveSearch(points, work);
        int n = points.size();
        search.consider(points.get(0));
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                search.consider(points.get(i).midpoint(points.get(j)));
                for (int k = j + 1; k < n; k++) {
                    UnitVector centre = circleCentre(points.get(i), points.get(j), points.get(k));
                    if (centre != null) {
                        search.consider(centre);
                        search.consider(centre.opposite());
                    }
                }
            }
        }
        return search.best;
    }

    /** The best cap among the candidate centres considered so far. */
    private static final class ExhaustiveSearch {

        private final UnitVector[] order;
        private final int[] work;
        private Cap best;

        ExhaustiveSearch(List<UnitVector> points, int[] work) {
            this.order = points.toArray(new UnitVector[0]);
            this.work = work;
        }

        void consider(UnitVector centre) {
            double limit = best == null ? Double.POSITIVE_INFINITY : best.chord2();
            double radius = 0;
            for (int i = 0; i < order.length; i++) {
                work[0]++;
                radius = Math.max(radius, centre.chord2(order[i]));
                if (radius >= limit) {
                    // The point that ruled this candidate out usually rules out the next one too: test it first,
                    // so that most candidates cost one test.
                    UnitVector decisive = order[i];
                    order[i] = order[0];
                    order[0] = decisive;
                    return;
                }
            }
            best = new Cap(centre, radius);
        }
    }
}
