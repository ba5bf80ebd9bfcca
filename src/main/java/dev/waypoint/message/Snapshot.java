package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Protocol version 2: the whole room, the first message a version 2 client receives and the answer to {@code sync}.
 * {@code features} names what this server implements; {@code you} is the recipient's participant id; {@code meetup}
 * is null (absent) unless two or more participants share their location.
 */
@JsonbPropertyOrder({"protocol", "features", "version", "you", "pins", "routes", "participants", "meetup", "limits", "ref"})
public record Snapshot(int protocol, List<String> features, long version, String you, List<Pin> pins,
                       List<Route> routes, List<Participant> participants, Meetup meetup, Limits limits, String ref)
        implements ServerMessage {

    public static final int PROTOCOL = 2;
    public static final List<String> FEATURES = List.of("pins", "routes", "presence", "meetup", "sessions", "geojson",
            "token");
}
