package dev.waypoint.message;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pin's free-form metadata: string keys to strings, numbers ({@link BigDecimal}, exact) or booleans, in the order
 * given. Mapped by hand because JSON-B's mapping of {@code Map<String, Object>} turns a JSON boolean into its text.
 */
@JsonbTypeSerializer(Metadata.Writer.class)
@JsonbTypeDeserializer(Metadata.Reader.class)
public record Metadata(Map<String, Object> values) {

    public Metadata {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads a JSON object whose values are strings, finite numbers or booleans; anything else is refused. */
    public static Metadata fromJson(JsonObject entries) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : entries.entrySet()) {
            JsonValue value = entry.getValue();
            Object converted;
            if (value instanceof JsonString string) {
                converted = string.getString();
            } else if (value instanceof JsonNumber number) {
                if (!Double.isFinite(number.bigDecimalValue().doubleValue())) {
                    throw invalid("metadata \"" + entry.getKey() + "\" must be a finite number");
                }
                converted = number.bigDecimalValue();
            } else if (value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE) {
                converted = value.getValueType() == JsonValue.ValueType.TRUE;
            } else {
                throw invalid("metadata \"" + entry.getKey() + "\" must be a string, a number or a boolean, not "
                        + JsonTypes.describe(value));
            }
            values.put(entry.getKey(), converted);
        }
        return new Metadata(values);
    }

    private static InvalidMessageException invalid(String message) {
        return new InvalidMessageException(ErrorCode.INVALID_PIN, message);
    }

    /** Writes each value as the JSON type it came in. */
    public static final class Writer implements JsonbSerializer<Metadata> {
        @Override
        public void serialize(Metadata metadata, JsonGenerator generator, SerializationContext ctx) {
            generator.writeStartObject();
            metadata.values().forEach((key, value) -> {
                if (value instanceof Boolean b) {
                    generator.write(key, b);
                } else if (value instanceof BigDecimal number) {
                    generator.write(key, number);
                } else {
                    generator.write(key, value.toString());
                }
            });
            generator.writeEnd();
        }
    }

    /** Reads an object, as {@link #fromJson(JsonObject)}. */
    public static final class Reader implements JsonbDeserializer<Metadata> {
        @Override
        public Metadata deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            try {
                return fromJson(parser.getObject());
            } catch (InvalidMessageException e) {
                throw e;
            } catch (RuntimeException notAnObject) {
                throw invalid("metadata must be an object");
            }
        }
    }
}
