package dev.waypoint.message;

import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/**
 * The one JSON mapping of the protocol, shared by the WebSocket {@link MessageDecoder} and {@link MessageEncoder}
 * and by the room, which encodes each broadcast once for all its recipients.
 *
 * <p>One {@link Jsonb} serves the whole application: it is thread-safe, and building one is far more expensive
 * than using it. It is not closed per connection (the container creates decoder and encoder instances per
 * connection); it lives as long as the application's class loader.
 */
public final class MessageCodec {

    /**
     * The deepest nesting of objects and arrays accepted. The protocol needs two levels; the check runs before the
     * JSON parser so that a frame of thousands of brackets costs one linear scan and nothing else.
     */
    public static final int MAX_DEPTH = 32;

    private static final Jsonb JSONB = JsonbBuilder.create();

    private MessageCodec() {
    }

    /**
     * Decodes one text frame from a client.
     *
     * @return a valid client message
     * @throws InvalidMessageException naming what was wrong; nothing else is thrown for any input
     */
    public static ClientMessage decode(String text) {
        checkStructure(text);
        Message message;
        try {
            message = JSONB.fromJson(text, Message.class);
        } catch (JsonbException | IllegalArgumentException | IllegalStateException | NullPointerException e) {
            InvalidMessageException cause = findCause(e);
            throw cause != null ? cause.withRef(refOf(text)) : diagnose(text);
        }
        if (message instanceof ClientMessage clientMessage) {
            return clientMessage;
        }
        throw unknownType(typeOf(message), ClientMessage.TYPES_V2);
    }

    /** Encodes a message for the wire; version 2 changes are encoded once per recipient kind by the room. */
    public static String encode(Message message) {
        // Trap (Yasson 3): toJson(message, Message.class) writes {}; the runtime type must drive serialization.
        return JSONB.toJson(message);
    }

    /** Writes any value the protocol's messages hold (a pin, a route): for storage and tests. */
    public static String encodeValue(Object value) {
        return JSONB.toJson(value);
    }

    /** Reads a value written by {@link #encodeValue}: for storage, which wrote it, so without the client's checks. */
    public static <T> T decodeValue(String text, Class<T> type) {
        return JSONB.fromJson(text, type);
    }

    /** Reads any message of the protocol, server messages included, without the client's checks: for tests. */
    static Message decodeAny(String text) {
        return JSONB.fromJson(text, Message.class);
    }

    private static InvalidMessageException findCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidMessageException invalid) {
                return invalid;
            }
        }
        return null;
    }

    /**
     * Says why JSON-B could not map a frame. Runs only for refused frames, so it can afford a second parse with the
     * streaming parser to tell malformed JSON, non-objects and missing or unknown types apart.
     */
    static InvalidMessageException diagnose(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return new InvalidMessageException(ErrorCode.MALFORMED_JSON, "empty message");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                drain(parser);
                return new InvalidMessageException(ErrorCode.NOT_AN_OBJECT,
                        "a message must be a JSON object, not " + JsonTypes.describe(first));
            }
            String type = null;
            String ref = null;
            boolean typeIsString = false;
            while (parser.next() != JsonParser.Event.END_OBJECT) {
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if (key.equals("type")) {
                    typeIsString = value == JsonParser.Event.VALUE_STRING;
                    type = typeIsString ? parser.getString() : null;
                } else if (key.equals("ref") && value == JsonParser.Event.VALUE_STRING) {
                    ref = parser.getString();
                }
                if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            drain(parser);
            if (!typeIsString) {
                return new InvalidMessageException(ErrorCode.MISSING_TYPE,
                        "a message needs a string member \"type\", one of " + ClientMessage.TYPES).withRef(ref);
            }
            if (!ClientMessage.TYPES_V2.contains(type)) {
                return unknownType(type, ClientMessage.TYPES_V2).withRef(ref);
            }
            return new InvalidMessageException(ErrorCode.MALFORMED_JSON, "the " + type + " message could not be read")
                    .withRef(ref);
        } catch (JsonParsingException e) {
            return new InvalidMessageException(ErrorCode.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            return new InvalidMessageException(ErrorCode.MALFORMED_JSON, "not valid JSON");
        }
    }

    /** Reads to the end so that trailing garbage after a complete value is reported as malformed JSON. */
    private static void drain(JsonParser parser) {
        while (parser.hasNext()) {
            parser.next();
        }
    }

    /** The refusal of a message {@code type} that is not among {@code allowed}. */
    public static InvalidMessageException unknownType(String type, java.util.List<String> allowed) {
        String shown = type.length() > 40 ? type.substring(0, 40) + "…" : type;
        return new InvalidMessageException(ErrorCode.UNKNOWN_TYPE,
                "unknown message type \"" + shown + "\"; a client may send " + allowed);
    }

    /** The top-level {@code ref} of a refused frame, so that its error can name it; null if there is none. */
    private static String refOf(String text) {
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            while (parser.hasNext() && parser.next() == JsonParser.Event.KEY_NAME) {
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                if (key.equals("ref") && value == JsonParser.Event.VALUE_STRING) {
                    return parser.getString();
                } else if (value == JsonParser.Event.START_OBJECT) {
                    parser.skipObject();
                } else if (value == JsonParser.Event.START_ARRAY) {
                    parser.skipArray();
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String typeOf(Message message) {
        String json = encode(message);
        int start = json.indexOf("\"type\":\"") + 8;
        return json.substring(start, json.indexOf('"', start));
    }

    /**
     * Refuses nesting deeper than {@link #MAX_DEPTH} in one pass over the text, counting brackets outside strings,
     * and text after the top-level object (JSON-B stops reading at its end and would ignore it). Other malformed
     * input passes through unchanged for the parser to reject. Public for other JSON documents the server reads
     * (GeoJSON imports), which need the same protection against hostile nesting.
     */
    public static void checkStructure(String text) {
        int depth = 0;
        boolean inString = false;
        boolean closed = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (closed) {
                if (!Character.isWhitespace(c)) {
                    throw new InvalidMessageException(ErrorCode.MALFORMED_JSON, "text after the end of the JSON object");
                }
            } else if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new InvalidMessageException(ErrorCode.NESTING_TOO_DEEP,
                            "JSON nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == '}' || c == ']') {
                closed = --depth == 0;
            }
        }
    }
}
