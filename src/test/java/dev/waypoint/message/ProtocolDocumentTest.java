package dev.waypoint.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Keeps the protocol documents honest: every complete JSON example of a message in {@code src/docs/protocol*.md}
 * must be what the code reads (client messages) or exactly what it writes (server messages, decoded and encoded
 * again). Examples with {@code ..} placeholders are shapes, not examples, and are left out.
 */
class ProtocolDocumentTest {

    private static final Pattern INLINE_MESSAGE = Pattern.compile("`(\\{\"type\":[^`]*\\})`");
    private static final List<String> DOCUMENTS = List.of("src/docs/protocol.md", "src/docs/protocol-v2.md");

    static Stream<String> examples() throws IOException {
        List<String> examples = new ArrayList<>();
        for (String document : DOCUMENTS) {
            Matcher matcher = INLINE_MESSAGE.matcher(Files.readString(Path.of(document)));
            while (matcher.find()) {
                if (!matcher.group(1).contains("..")) {
                    examples.add(matcher.group(1));
                }
            }
        }
        return examples.stream();
    }

    @Test
    void theDocumentsHaveExamplesToCheck() throws IOException {
        assertTrue(examples().count() >= 15, "examples found: " + examples().count()); // 19 when written
    }

    @ParameterizedTest
    @MethodSource("examples")
    void documentedExampleIsWhatTheCodeReadsOrWrites(String example) {
        JsonObject documented = Json.createReader(new StringReader(example)).readObject();
        String type = documented.getString("type");
        if (ClientMessage.TYPES_V2.contains(type)) {
            assertInstanceOf(ClientMessage.class, MessageCodec.decode(example), example);
        } else {
            Message message = MessageCodec.decodeAny(example);
            assertInstanceOf(ServerMessage.class, message, example);
            JsonObject written = Json.createReader(new StringReader(MessageCodec.encode(message))).readObject();
            assertSameJson(documented, written, example);
        }
    }

    @Test
    void documentedObjectsRoundTrip() throws IOException {
        String v2 = Files.readString(Path.of("src/docs/protocol-v2.md"));
        Matcher blocks = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(v2);
        int checked = 0;
        while (blocks.find()) {
            String json = blocks.group(1);
            JsonObject documented = Json.createReader(new StringReader(json)).readObject();
            Class<?> type = documented.containsKey("method") ? Meetup.class
                    : documented.containsKey("points") ? Route.class
                    : documented.containsKey("createdAt") ? Pin.class : Participant.class;
            Object decoded = jakarta.json.bind.JsonbBuilder.create().fromJson(json, type);
            JsonObject written = Json.createReader(new StringReader(MessageCodec.encodeValue(decoded))).readObject();
            assertSameJson(documented, written, json);
            checked++;
        }
        assertEquals(4, checked, "the Pin, Route, Participant and Meetup examples");
    }

    /** Equal as JSON: same members and values, numbers compared by value (1 equals 1.0). */
    private static void assertSameJson(JsonValue expected, JsonValue actual, String example) {
        if (expected instanceof JsonNumber e && actual instanceof JsonNumber a) {
            assertEquals(0, e.bigDecimalValue().compareTo(a.bigDecimalValue()), () -> example + ": " + e + " vs " + a);
        } else if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            assertEquals(e.keySet(), a.keySet(), () -> example + " was written as " + a);
            e.forEach((key, value) -> assertSameJson(value, a.get(key), example));
        } else if (expected instanceof JsonArray e && actual instanceof JsonArray a) {
            assertEquals(e.size(), a.size(), example);
            for (int i = 0; i < e.size(); i++) {
                assertSameJson(e.get(i), a.get(i), example);
            }
        } else if (!expected.equals(actual)) {
            fail(example + ": " + expected + " was written as " + actual);
        }
    }
}
