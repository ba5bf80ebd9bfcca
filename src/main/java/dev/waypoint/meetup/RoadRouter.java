package dev.waypoint.meetup;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A road router: travel times and routes by road. Asynchronous so that a caller can ask for several routes at once
 * and stop waiting at its own deadline.
 *
 * <p>Contract for implementations: thread-safe; never blocks the caller (the work happens elsewhere); every failure
 * completes the returned future exceptionally with a {@link RouterException}, and every future completes, successfully
 * or not, within the implementation's own timeout.
 */
public interface RoadRouter {

    /**
     * Travel times from each source to each destination ({@code sources.size()} rows of
     * {@code destinations.size()} entries).
     */
    CompletableFuture<TravelTimes> travelTimes(List<LatLng> sources, List<LatLng> destinations);

    /** The fastest route by road from one point to another. */
    CompletableFuture<RoadRoute> route(LatLng from, LatLng to);
}
