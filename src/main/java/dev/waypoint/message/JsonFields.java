package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * A JSON object kept as JSON-P values, for request members whose meaning depends on which keys are present and on
 * the exact JSON type of each value: JSON-B's mapping to records or maps cannot tell a missing key from
 * {@code null}, and maps a JSON boolean in an {@code Object} slot to its text. {@link PinEdit} reads it.
 */
@JsonbTypeDeserializer(JsonFields.Reader.class)
@JsonbTypeSerializer(JsonFields.Writer.class)
public record JsonFields(JsonObject object) {

    /**
     * Writes the object as it was read, so that a request encodes back to what the client sent (a request is
     * forwarded as JSON to the instance that owns its room, see dev.waypoint.cluster).
     */
    public static final class Writer implements JsonbSerializer<JsonFields> {
        @Override
        public void serialize(JsonFields fields, JsonGenerator generator, SerializationContext ctx) {
            generator.write(fields.object());
        }
    }

    /** Reads an object; anything else is refused. */
    public static final class Reader implements JsonbDeserializer<JsonFields> {
        @Override
        public JsonFields deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            try {
                return new JsonFields(parser.getObject()); // Yasson's parser supports getObject() here, see Location
            } catch (RuntimeException notAnObject) {
                throw new InvalidMessageException(ErrorCode.NOT_AN_OBJECT, "a pin, a route or their \"set\" must be an object");
            }
        }
    }
}
