package dev.waypoint.message;

/** A change of a room, as version 2 clients receive it: it carries the room version it produced. */
public sealed interface RoomChange extends ServerMessage
        permits PinAdded, PinUpdated, PinRemoved, ParticipantJoined, ParticipantUpdated, ParticipantLeft,
        RouteAdded, RouteUpdated, RouteRemoved, MeetupUpdated, RoomRestored, FeaturesImported {

    long version();

    String ref();

    /** The same change as the client whose request made it receives it. */
    RoomChange withRef(String ref);
}
