package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: the meeting point changed; a null {@code meetup} (absent in the JSON) means there is none any
 * more. {@code version} is the room version this change produced; {@code ref} is never set (no request makes it).
 */
@JsonbPropertyOrder({"version", "meetup", "ref"})
public record MeetupUpdated(long version, Meetup meetup, String ref) implements RoomChange {

    @Override
    public MeetupUpdated withRef(String ref) {
        return new MeetupUpdated(version, meetup, ref);
    }
}
