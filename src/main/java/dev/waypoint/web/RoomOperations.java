package dev.waypoint.web;

import dev.waypoint.cluster.RoomCall;
import dev.waypoint.cluster.RoomCalls;
import dev.waypoint.cluster.RoomReply;
import dev.waypoint.geojson.GeoJson;
import dev.waypoint.geojson.GeoJsonException;
import dev.waypoint.geojson.GeoJsonImport;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.FeaturesImported;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.SessionInfo;
import dev.waypoint.room.Room;
import dev.waypoint.room.StoredRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the HTTP API ({@link RoomResource}) does with a room, run where the room lives: in this server, or at the
 * room's owner in a cluster. Every outcome, refusals included, is a {@link RoomReply}.
 */
@ApplicationScoped
public class RoomOperations implements RoomCalls {

    static final String SESSIONS = "sessions";
    static final String SAVE = "save";
    static final String RESTORE = "restore";
    static final String DELETE = "delete";
    static final String EXPORT = "export";
    static final String IMPORT = "import";
    private static final String JSON = MediaType.APPLICATION_JSON;

    @Override
    public RoomReply run(Room room, RoomCall call) {
        try {
            return switch (call.operation()) {
                case SESSIONS -> new RoomReply(200, JSON, MessageCodec.encodeValue(room.sessions()), null);
                case SAVE -> {
                    SessionInfo saved = room.saveSession(call.first(), call.second(), null, null);
                    yield new RoomReply(201, JSON, MessageCodec.encodeValue(saved),
                            Map.of("Location", "sessions/" + saved.id()));
                }
                case RESTORE -> {
                    long version = room.restoreSession(call.first(), null, null);
                    awaitStored(room, version);
                    yield new RoomReply(200, JSON, Json.createObjectBuilder().add("version", version).build().toString(),
                            null);
                }
                case DELETE -> {
                    room.deleteSession(call.first(), null, null);
                    yield new RoomReply(204, null, null, null);
                }
                case EXPORT -> {
                    StoredRoom state = room.state();
                    String file = room.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".geojson";
                    yield new RoomReply(200, GeoJson.MEDIA_TYPE,
                            GeoJson.export(state.id(), state.version(), state.pins(), state.routes()),
                            Map.of("Content-Disposition", "attachment; filename=\"" + file + "\""));
                }
                case IMPORT -> importFile(room, call.first(), call.second());
                default -> throw new IllegalArgumentException("unknown operation " + call.operation());
            };
        } catch (InvalidMessageException refused) {
            return refusal(refused);
        }
    }

    private static RoomReply importFile(Room room, String text, String author) {
        GeoJsonImport file = GeoJson.read(text, room.limits());
        FeaturesImported change = room.addAll(file.pins(), file::routeEdits, author);
        awaitStored(room, change.version());
        JsonArrayBuilder skipped = Json.createArrayBuilder();
        file.skipped().forEach(s -> skipped.add(feature(s.featureIndex(), s.featureId()).add("reason", s.reason())));
        JsonArrayBuilder notes = Json.createArrayBuilder();
        file.notes().forEach(n -> notes.add(feature(n.featureIndex(), n.featureId()).add("message", n.message())));
        return new RoomReply(200, JSON, Json.createObjectBuilder()
                .add("version", change.version())
                .add("pins", change.pins().size())
                .add("routes", change.routes().size())
                .add("skipped", skipped)
                .add("notes", notes).build().toString(), null);
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

    private static JsonObjectBuilder feature(int index, String id) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("feature", index);
        return id == null ? b.addNull("id") : b.add("id", id);
    }

    /** A refused request as the API answers it: a status by the error's code, and {"code", "message"[, "errors"]}. */
    static RoomReply refusal(InvalidMessageException refused) {
        int status = switch (refused.code()) {
            case NOT_FOUND -> 404;
            case LIMIT_REACHED, CONFLICT -> 409;
            case STORAGE_UNAVAILABLE -> 503;
            default -> 400;
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
        return new RoomReply(status, JSON, body.build().toString(), null);
    }
}
