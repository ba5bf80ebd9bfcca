package dev.waypoint.access;

import java.time.Instant;
import java.util.List;

/**
 * What a verified token grants.
 *
 * @param rooms the rooms (ids or patterns) it is for; empty: every room
 * @param access view or edit
 * @param name the display name it vouches for (claim {@code name}, else {@code preferred_username}), or null
 * @param subject its {@code sub}, for logs, or null
 * @param expiresAt its {@code exp}
 */
public record Grant(List<RoomPattern> rooms, Access access, String name, String subject, Instant expiresAt) {

    public Grant {
        rooms = List.copyOf(rooms);
    }

    /** True when this grant is for {@code roomId}. */
    public boolean covers(String roomId) {
        return rooms.isEmpty() || RoomPattern.anyMatches(rooms, roomId);
    }
}
