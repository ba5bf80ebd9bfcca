package dev.waypoint.meetup;

import java.util.List;

/**
 * Travel times by road from each of some sources to each of some destinations, in seconds, with
 * {@link Double#POSITIVE_INFINITY} where there is no route. Also where the router placed each destination on its road
 * network (routes to a destination end there). Immutable.
 */
public final class TravelTimes {

    private final double[][] seconds;
    private final List<LatLng> destinations;

    /**
     * @param seconds      one row per source, each with one entry per destination: finite and {@code >= 0}, or
     *                     {@link Double#POSITIVE_INFINITY}
     * @param destinations the destinations as placed on the road network, one per column
     */
    public TravelTimes(double[][] seconds, List<LatLng> destinations) {
        this.destinations = List.copyOf(destinations);
        this.seconds = new double[seconds.length][];
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i].length != this.destinations.size()) {
                throw new IllegalArgumentException("row " + i + " has " + seconds[i].length + " entries for "
                        + this.destinations.size() + " destinations");
            }
            for (double value : seconds[i]) {
                if (!(value >= 0)) {
                    throw new IllegalArgumentException("travel times must be >= 0 or infinite, got " + value);
                }
            }
            this.seconds[i] = seconds[i].clone();
        }
    }

    public int sourceCount() {
        return seconds.length;
    }

    public int destinationCount() {
        return destinations.size();
    }

    /** Seconds from a source to a destination, by index; {@link Double#POSITIVE_INFINITY} when unreachable. */
    public double seconds(int source, int destination) {
        return seconds[source][destination];
    }

    /** Where the router placed a destination on its road network. */
    public LatLng destination(int destination) {
        return destinations.get(destination);
    }
}
