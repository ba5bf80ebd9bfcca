package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * Every message of the protocol. The JSON member {@code type} is the discriminator; the records themselves must not
 * declare a {@code type} component (Yasson writes and reads it from this annotation).
 */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "ping", type = Ping.class),
        @JsonbSubtype(alias = "setPin", type = SetPin.class),
        @JsonbSubtype(alias = "pong", type = Pong.class),
        @JsonbSubtype(alias = "pinUpdate", type = PinUpdate.class),
        @JsonbSubtype(alias = "error", type = ErrorMessage.class),
        // protocol version 2
        @JsonbSubtype(alias = "hello", type = Hello.class),
        @JsonbSubtype(alias = "addPin", type = AddPin.class),
        @JsonbSubtype(alias = "updatePin", type = UpdatePin.class),
        @JsonbSubtype(alias = "removePin", type = RemovePin.class),
        @JsonbSubtype(alias = "shareLocation", type = ShareLocation.class),
        @JsonbSubtype(alias = "stopSharing", type = StopSharing.class),
        @JsonbSubtype(alias = "sync", type = Sync.class),
        @JsonbSubtype(alias = "addRoute", type = AddRoute.class),
        @JsonbSubtype(alias = "updateRoute", type = UpdateRoute.class),
        @JsonbSubtype(alias = "removeRoute", type = RemoveRoute.class),
        @JsonbSubtype(alias = "routeAdded", type = RouteAdded.class),
        @JsonbSubtype(alias = "routeUpdated", type = RouteUpdated.class),
        @JsonbSubtype(alias = "routeRemoved", type = RouteRemoved.class),
        @JsonbSubtype(alias = "meetupUpdated", type = MeetupUpdated.class),
        @JsonbSubtype(alias = "snapshot", type = Snapshot.class),
        @JsonbSubtype(alias = "pinAdded", type = PinAdded.class),
        @JsonbSubtype(alias = "pinUpdated", type = PinUpdated.class),
        @JsonbSubtype(alias = "pinRemoved", type = PinRemoved.class),
        @JsonbSubtype(alias = "participantJoined", type = ParticipantJoined.class),
        @JsonbSubtype(alias = "participantUpdated", type = ParticipantUpdated.class),
        @JsonbSubtype(alias = "participantLeft", type = ParticipantLeft.class),
        // saved sessions and imports
        @JsonbSubtype(alias = "saveSession", type = SaveSession.class),
        @JsonbSubtype(alias = "listSessions", type = ListSessions.class),
        @JsonbSubtype(alias = "restoreSession", type = RestoreSession.class),
        @JsonbSubtype(alias = "deleteSession", type = DeleteSession.class),
        @JsonbSubtype(alias = "sessions", type = Sessions.class),
        @JsonbSubtype(alias = "sessionSaved", type = SessionSaved.class),
        @JsonbSubtype(alias = "sessionDeleted", type = SessionDeleted.class),
        @JsonbSubtype(alias = "roomRestored", type = RoomRestored.class),
        @JsonbSubtype(alias = "featuresImported", type = FeaturesImported.class),
        @JsonbSubtype(alias = "access", type = AccessInfo.class),
        @JsonbSubtype(alias = "token", type = TokenRenewal.class)
})
public sealed interface Message permits ClientMessage, ServerMessage {
}
