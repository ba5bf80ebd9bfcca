package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: someone connected.
 * {@code version} is the room version this change produced; {@code ref} is set only in the copy sent to the
 * client whose request made the change.
 */
@JsonbPropertyOrder({"version", "participant", "ref"})
public record ParticipantJoined(long version, Participant participant, String ref) implements RoomChange {

    @Override
    public ParticipantJoined withRef(String ref) {
        return new ParticipantJoined(version, participant, ref);
    }
}
