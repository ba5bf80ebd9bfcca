package dev.waypoint.web;

import dev.waypoint.cluster.RoomCall;
import dev.waypoint.cluster.RoomReply;
import dev.waypoint.cluster.Rooms;
import dev.waypoint.geojson.GeoJson;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.SessionInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * A room over HTTP: its saved sessions and its GeoJSON, for the page's buttons and for other programs.
 * <ul>
 *   <li>{@code GET /api/rooms/{room}/sessions}: the saved sessions, newest first</li>
 *   <li>{@code POST /api/rooms/{room}/sessions} with {@code {"name": "...", "author": "..."}}: save (201)</li>
 *   <li>{@code POST /api/rooms/{room}/sessions/{id}/restore}: restore, as one change every client sees</li>
 *   <li>{@code DELETE /api/rooms/{room}/sessions/{id}}: delete (204)</li>
 *   <li>{@code GET /api/rooms/{room}/geojson}: the room as a GeoJSON FeatureCollection (a download)</li>
 *   <li>{@code POST /api/rooms/{room}/geojson}: import a GeoJSON file as one change; 400 lists every feature at
 *     fault and imports nothing</li>
 * </ul>
 * Changes are answered once they are stored. Errors are {@code {"code": ..., "message": ...}} with the protocol's
 * error codes (src/docs/protocol-v2.md).
 */
@Path("rooms/{room}")
@RequestScoped
public class RoomResource {

    /** The largest GeoJSON file accepted (bytes); larger ones get 413. */
    static final int MAX_IMPORT_BYTES = 5 * 1024 * 1024;
    private static final int MAX_NAME_LENGTH = 40;

    @Inject
    Rooms rooms;

    @Inject
    ConnectionSettings settings;

    @PathParam("room")
    String roomId;

    @GET
    @Path("sessions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sessions() {
        return call(RoomCall.of(RoomOperations.SESSIONS));
    }

    @POST
    @Path("sessions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response save(String body) {
        JsonObject request = object(body);
        String name = request.get("name") instanceof JsonString s ? s.getString() : null;
        if (name == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_SESSION, "the body needs \"name\": a string");
        }
        String author = request.get("author") instanceof JsonString s && !s.getString().isBlank()
                ? shorten(s.getString().strip()) : SessionInfo.ANONYMOUS;
        return call(new RoomCall(RoomOperations.SAVE, name, author));
    }

    @POST
    @Path("sessions/{id}/restore")
    @Produces(MediaType.APPLICATION_JSON)
    public Response restore(@PathParam("id") String sessionId) {
        return call(RoomCall.of(RoomOperations.RESTORE, sessionId));
    }

    @DELETE
    @Path("sessions/{id}")
    public Response delete(@PathParam("id") String sessionId) {
        return call(RoomCall.of(RoomOperations.DELETE, sessionId));
    }

    @GET
    @Path("geojson")
    @Produces({GeoJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Response export() {
        return call(RoomCall.of(RoomOperations.EXPORT));
    }

    @POST
    @Path("geojson")
    @Consumes({GeoJson.MEDIA_TYPE, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importFile(InputStream body, @QueryParam("author") String author) throws IOException {
        byte[] bytes = body.readNBytes(MAX_IMPORT_BYTES + 1);
        if (bytes.length > MAX_IMPORT_BYTES) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, ErrorCode.INVALID_GEOJSON,
                    "the file is larger than " + MAX_IMPORT_BYTES + " bytes");
        }
        String by = author == null || author.isBlank() ? "import" : shorten(author.strip());
        return call(new RoomCall(RoomOperations.IMPORT, new String(bytes, StandardCharsets.UTF_8), by));
    }

    // The room may live in another instance of a cluster: the call runs there (RoomOperations), the answer comes back.
    private Response call(RoomCall call) {
        if (roomId.isEmpty() || roomId.length() > settings.maxRoomIdLength()) {
            throw new InvalidMessageException(ErrorCode.INVALID_ROOM,
                    "a room id has 1 to " + settings.maxRoomIdLength() + " characters");
        }
        RoomReply reply = rooms.call(roomId, call);
        Response.ResponseBuilder response = Response.status(reply.status());
        if (reply.body() != null) {
            response.entity(reply.body()).type(reply.type());
        }
        reply.headers().forEach((name, value) -> {
            if (name.equals("Location")) {
                response.location(java.net.URI.create(value)); // relative: resolved as Response.created would
            } else {
                response.header(name, value);
            }
        });
        return response.build();
    }

    private static JsonObject object(String body) {
        try {
            JsonValue value = Json.createReader(new StringReader(body == null ? "" : body)).readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (jakarta.json.JsonException e) {
            throw new InvalidMessageException(ErrorCode.MALFORMED_JSON, "the body is not JSON: " + e.getMessage());
        }
        throw new InvalidMessageException(ErrorCode.NOT_AN_OBJECT, "the body must be a JSON object");
    }

    private static String shorten(String text) {
        return text.length() <= MAX_NAME_LENGTH ? text : text.substring(0, MAX_NAME_LENGTH);
    }

    static Response json(Response.Status status, String body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    static Response error(Response.Status status, ErrorCode code, String message) {
        return json(status, Json.createObjectBuilder().add("code", code.wireName()).add("message", message).build()
                .toString());
    }

    /** A refused request: 400 (404 when something named is not there), with the code and, for files, every error. */
    @jakarta.ws.rs.ext.Provider
    public static class Refusals implements jakarta.ws.rs.ext.ExceptionMapper<InvalidMessageException> {

        @Override
        public Response toResponse(InvalidMessageException refused) {
            RoomReply reply = RoomOperations.refusal(refused);
            return json(Response.Status.fromStatusCode(reply.status()), reply.body());
        }
    }
}
