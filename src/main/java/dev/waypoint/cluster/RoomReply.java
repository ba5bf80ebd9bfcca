package dev.waypoint.cluster;

import java.util.Map;

/** The answer to a {@link RoomCall}: an HTTP status, a media type, a body, and headers (Location, Content-Disposition). */
public record RoomReply(int status, String type, String body, Map<String, String> headers) {

    public RoomReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
