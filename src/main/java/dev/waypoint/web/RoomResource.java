package dev.waypoint.web;

import dev.waypoint.geojson.GeoJson;
import dev.waypoint.geojson.GeoJsonException;
import dev.waypoint.geojson.GeoJsonImport;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.FeaturesImported;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.SessionInfo;
import dev.waypoint.room.Room;
import dev.waypoint.room.RoomRegistry;
import dev.waypoint.room.StoredRoom;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    RoomRegistry rooms;

    @Inject
    ConnectionSettings settings;

    @PathParam("room")
    String roomId;

    @GET
    @Path("sessions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sessions() {
        return json(Response.Status.OK, MessageCodec.encodeValue(room().sessions()));
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
        SessionInfo saved = room().saveSession(name, author, null, null);
        return Response.created(UriBuilder.fromPath("sessions/{id}").build(saved.id()))
                .entity(MessageCodec.encodeValue(saved)).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("sessions/{id}/restore")
    @Produces(MediaType.APPLICATION_JSON)
    public Response restore(@PathParam("id") String sessionId) {
        Room room = room();
        long version = room.restoreSession(sessionId, null, null);
        awaitStored(room, version);
        return json(Response.Status.OK, Json.createObjectBuilder().add("version", version).build().toString());
    }

    @DELETE
    @Path("sessions/{id}")
    public Response delete(@PathParam("id") String sessionId) {
        room().deleteSession(sessionId, null, null);
        return Response.noContent().build();
    }

    @GET
    @Path("geojson")
    @Produces({GeoJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Response export() {
        StoredRoom state = room().state();
        String file = roomId.replaceAll("[^A-Za-z0-9._-]", "_") + ".geojson";
        return Response.ok(GeoJson.export(state.id(), state.version(), state.pins(), state.routes()))
                .type(GeoJson.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
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
        Room room = room();
        GeoJsonImport file = GeoJson.read(new String(bytes, StandardCharsets.UTF_8), room.limits());
        String by = author == null || author.isBlank() ? "import" : shorten(author.strip());
        FeaturesImported change = room.addAll(file.pins(), file::routeEdits, by);
        awaitStored(room, change.version());
        JsonArrayBuilder skipped = Json.createArrayBuilder();
        file.skipped().forEach(s -> skipped.add(feature(s.featureIndex(), s.featureId()).add("reason", s.reason())));
        JsonArrayBuilder notes = Json.createArrayBuilder();
        file.notes().forEach(n -> notes.add(feature(n.featureIndex(), n.featureId()).add("message", n.message())));
        return json(Response.Status.OK, Json.createObjectBuilder()
                .add("version", change.version())
                .add("pins", change.pins().size())
                .add("routes", change.routes().size())
                .add("skipped", skipped)
                .add("notes", notes).build().toString());
    }

    private static JsonObjectBuilder feature(int index, String id) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("feature", index);
        return id == null ? b.addNull("id") : b.add("id", id);
    }

    private Room room() {
        if (roomId.isEmpty() || roomId.length() > settings.maxRoomIdLength()) {
            throw new InvalidMessageException(ErrorCode.INVALID_ROOM,
                    "a room id has 1 to " + settings.maxRoomIdLength() + " characters");
        }
        return rooms.room(roomId);
    }

    // Durable before visible holds for HTTP callers too: answer once the change is stored.
    private static void awaitStored(Room room, long version) {
        try {
            room.stored(version).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new InvalidMessageException(ErrorCode.STORAGE_UNAVAILABLE,
                    "the change was made but is not stored yet; clients will see it once it is");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
            Response.Status status = switch (refused.code()) {
                case NOT_FOUND -> Response.Status.NOT_FOUND;
                case LIMIT_REACHED, CONFLICT -> Response.Status.CONFLICT;
                case STORAGE_UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
                default -> Response.Status.BAD_REQUEST;
            };
            JsonObjectBuilder body = Json.createObjectBuilder().add("code", refused.code().wireName())
                    .add("message", refused.getMessage());
            if (refused instanceof GeoJsonException file) {
                JsonArrayBuilder errors = Json.createArrayBuilder();
                for (GeoJsonException.FeatureError e : file.errors()) {
                    errors.add(feature(e.featureIndex(), e.featureId()).add("message", e.message()));
                }
                body.add("errors", errors);
            }
            return json(status, body.build().toString());
        }
    }
}
