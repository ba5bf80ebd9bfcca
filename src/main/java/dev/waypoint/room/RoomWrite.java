package dev.waypoint.room;

import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import java.util.List;
import java.util.Set;

/**
 * What one room asks its store to write: the pins and routes that changed since its last write, as they are now,
 * and the ids of those that are gone. Once it is committed, every change of the room up to {@code version} is
 * stored. With {@code replace}, the room's stored pins and routes are replaced by these (a restored session).
 */
public record RoomWrite(String roomId, long version, long pinSequence, long routeSequence, boolean replace,
                        List<Pin> savedPins, Set<String> removedPins, List<Route> savedRoutes,
                        Set<String> removedRoutes) {

    public RoomWrite {
        savedPins = List.copyOf(savedPins);
        removedPins = Set.copyOf(removedPins);
        savedRoutes = List.copyOf(savedRoutes);
        removedRoutes = Set.copyOf(removedRoutes);
    }
}
