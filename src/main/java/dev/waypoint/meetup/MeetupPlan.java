package dev.waypoint.meetup;

import java.util.List;
import java.util.Objects;

/**
 * Where a group meets and how each of them gets there. Immutable.
 *
 * @param point  the meeting point
 * @param method how it was chosen
 * @param note   why the plan is not what was configured (the road router failed, and why), or null
 * @param routes one route per participant, in the order the participants were given
 */
public record MeetupPlan(LatLng point, Method method, String note, List<ParticipantRoute> routes) {

    /** How a meeting point and its routes were found. */
    public enum Method {
        /** The point nearest, by the longest great-circle distance, to everyone; straight routes. */
        GREAT_CIRCLE("great-circle"),
        /** The point quickest, by the longest travel time, to reach for everyone; routes by road. */
        ROUTER("router");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** The method's name on the wire: {@code great-circle} or {@code router}. */
        public String label() {
            return label;
        }
    }

    /**
     * One participant's way to the meeting point.
     *
     * @param participantId   the participant
     * @param points          the line to draw, from the participant to the meeting point, at least two points
     * @param distanceMetres  its length
     * @param durationSeconds its travel time by road, or null for a straight route
     */
    public record ParticipantRoute(String participantId, List<LatLng> points, double distanceMetres,
                                   Double durationSeconds) {

        public ParticipantRoute {
            Objects.requireNonNull(participantId, "participantId");
            points = List.copyOf(points);
            if (points.size() < 2) {
                throw new IllegalArgumentException("a route needs at least two points");
            }
        }
    }

    public MeetupPlan {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(method, "method");
        routes = List.copyOf(routes);
    }
}
