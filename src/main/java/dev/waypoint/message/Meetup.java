package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Where the participants who share their location should meet, and how each gets there (protocol version 2).
 * {@code method} is {@link #GREAT_CIRCLE} or {@link #ROUTER}; {@code note} says why the server fell back from the
 * router, when it did.
 */
@JsonbPropertyOrder({"point", "method", "note", "routes"})
public record Meetup(Location point, String method, String note, List<MeetupRoute> routes) {

    public static final String GREAT_CIRCLE = "great-circle";
    public static final String ROUTER = "router";
}
