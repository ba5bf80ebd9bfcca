package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Protocol version 2: someone changed name, colour or shared location.
 * {@code version} is the room version this change produced; {@code ref} is set only in the copy sent to the
 * client whose request made the change.
 */
@JsonbPropertyOrder({"version", "participant", "ref"})
public record ParticipantUpdated(long version, Participant participant, String ref) implements RoomChange {

    @Override
    public ParticipantUpdated withRef(String ref) {
        return new ParticipantUpdated(version, participant, ref);
    }
}
