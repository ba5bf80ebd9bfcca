package dev.waypoint.room;

import dev.waypoint.message.Location;
import dev.waypoint.message.Meetup;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Works out a meetup for the shared locations of a room's participants. The room calls it outside its lock and
 * applies the answer in its order; an answer that arrives after the locations changed again is dropped.
 */
@FunctionalInterface
public interface MeetupService {

    /**
     * Plans a meetup for two or more participants ({@code sharing}: participant id to location) and hands it to
     * {@code done} exactly once, possibly on another thread, possibly before returning.
     */
    void plan(Map<String, Location> sharing, Consumer<Meetup> done);
}
