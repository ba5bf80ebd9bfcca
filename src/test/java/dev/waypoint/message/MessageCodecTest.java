package dev.waypoint.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    // --- the demo's protocol, exactly ---

    @Test
    void pingIsAnsweredWithPongEchoingStringIdAndClientTime() {
        Ping ping = (Ping) MessageCodec.decode("{\"type\":\"ping\",\"id\":\"x\",\"clientTime\":123}");
        assertEquals("{\"type\":\"pong\",\"id\":\"x\",\"clientTime\":123}", MessageCodec.encode(ping.pong()));
    }

    @Test
    void numericPingIdIsEchoedAsANumber() {
        Ping ping = (Ping) MessageCodec.decode("{\"type\":\"ping\",\"id\":42,\"clientTime\":1732700000000}");
        assertEquals("{\"type\":\"pong\",\"id\":42,\"clientTime\":1732700000000}", MessageCodec.encode(ping.pong()));
    }

    @Test
    void missingIdIsAnsweredAsEmptyStringAndMissingClientTimeAsZero() {
        Ping ping = (Ping) MessageCodec.decode("{\"type\":\"ping\"}");
        assertEquals("{\"type\":\"pong\",\"id\":\"\",\"clientTime\":0}", MessageCodec.encode(ping.pong()));
    }

    @Test
    void nullIdAndClientTimeCountAsMissing() {
        Ping ping = (Ping) MessageCodec.decode("{\"type\":\"ping\",\"id\":null,\"clientTime\":null}");
        assertEquals("{\"type\":\"pong\",\"id\":\"\",\"clientTime\":0}", MessageCodec.encode(ping.pong()));
    }

    @Test
    void booleanIdIsEchoedAsItsText() {
        // JSON-B maps a JSON boolean to an Object component as its text; the demo protocol only promises strings
        // and numbers, and a demo client sends a UUID string.
        Ping ping = (Ping) MessageCodec.decode("{\"type\":\"ping\",\"id\":true}");
        assertEquals("{\"type\":\"pong\",\"id\":\"true\",\"clientTime\":0}", MessageCodec.encode(ping.pong()));
    }

    @Test
    void setPinDecodesItsLocation() {
        SetPin setPin = (SetPin) MessageCodec.decode("{\"type\":\"setPin\",\"location\":{\"lat\":40.7128,\"lng\":-74.006}}");
        assertEquals(SampleLocations.NEW_YORK, setPin.location());
    }

    @Test
    void typeMayComeAfterTheOtherMembers() {
        SetPin setPin = (SetPin) MessageCodec.decode("{\"location\":{\"lng\":-74.006,\"lat\":40.7128},\"type\":\"setPin\"}");
        assertEquals(SampleLocations.NEW_YORK, setPin.location());
    }

    @Test
    void pinUpdateCarriesLatAndLngOnly() {
        SetPin setPin = (SetPin) MessageCodec.decode(
                "{\"type\":\"setPin\",\"location\":{\"lat\":40.7128,\"lng\":-74.006,\"alt\":5,\"label\":{\"x\":[1]}},\"extra\":true}");
        assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":40.7128,\"lng\":-74.006}}",
                MessageCodec.encode(new PinUpdate(setPin.location())));
    }

    @Test
    void errorIsEncodedWithTypeCodeAndMessage() {
        assertEquals("{\"type\":\"error\",\"code\":\"invalid_location\",\"message\":\"lat must be within [-90, 90], got 91.0\"}",
                MessageCodec.encode(ErrorMessage.of(ErrorCode.INVALID_LOCATION, "lat must be within [-90, 90], got 91.0")));
    }

    @Test
    void integerCoordinatesAreAccepted() {
        SetPin setPin = (SetPin) MessageCodec.decode("{\"type\":\"setPin\",\"location\":{\"lat\":-90,\"lng\":180}}");
        assertEquals(new Location(-90, 180), setPin.location());
    }

    // --- longitudes past the antimeridian are wrapped, not refused ---

    @ParameterizedTest
    @CsvSource({"190, -170", "-190, 170", "540, -180", "180, 180", "-180, -180", "360, 0", "-725.5, -5.5", "1e300, -170.0"})
    void longitudeOutsideRangeIsWrapped(String given, double expected) {
        SetPin setPin = (SetPin) MessageCodec.decode("{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":" + given + "}}");
        double lng = setPin.location().lng();
        assertTrue(lng >= -180 && lng <= 180, "wrapped into range: " + lng);
        if (!given.equals("1e300")) {
            assertEquals(expected, lng, 1e-9);
        }
    }

    // --- bad input: a precise error, never anything else ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                                     | malformed_json",
        "{\"type\":\"ping\"                                           | malformed_json",
        "{\"type\":\"ping\"} trailing                                 | malformed_json",
        "''                                                           | malformed_json",
        "[1,2]                                                        | not_an_object",
        "\"ping\"                                                     | not_an_object",
        "42                                                           | not_an_object",
        "{}                                                           | missing_type",
        "{\"id\":1}                                                   | missing_type",
        "{\"type\":5}                                                 | missing_type",
        "{\"type\":null}                                              | missing_type",
        "{\"type\":\"nope\"}                                          | unknown_type",
        "{\"type\":\"pong\",\"id\":\"x\",\"clientTime\":1}            | unknown_type",
        "{\"type\":\"pinUpdate\",\"location\":{\"lat\":1,\"lng\":2}}  | unknown_type",
        "{\"type\":\"error\"}                                         | unknown_type",
        "{\"type\":\"setPin\"}                                        | invalid_location",
        "{\"type\":\"setPin\",\"location\":null}                      | invalid_location",
        "{\"type\":\"setPin\",\"location\":\"here\"}                  | invalid_location",
        "{\"type\":\"setPin\",\"location\":[1,2]}                     | invalid_location",
        "{\"type\":\"setPin\",\"location\":{}}                        | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":1}}               | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lng\":1}}               | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":\"12\",\"lng\":3}} | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":true}}  | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":null,\"lng\":1}}  | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":1e400,\"lng\":1}} | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":-1e400}} | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":90.0001,\"lng\":1}} | invalid_location",
        "{\"type\":\"setPin\",\"location\":{\"lat\":-91,\"lng\":1}}   | invalid_location",
        "{\"type\":\"ping\",\"id\":{\"a\":1}}                         | invalid_ping",
        "{\"type\":\"ping\",\"id\":[1]}                               | invalid_ping",
        "{\"type\":\"ping\",\"clientTime\":\"soon\"}                  | invalid_ping",
    })
    void badInputIsRefusedWithAStableCode(String input, String code) {
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(input));
        assertEquals(code, e.code().wireName(), () -> "for " + input + ": " + e.getMessage());
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    void errorMessageSaysWhichFieldWasWrong() {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> MessageCodec.decode("{\"type\":\"setPin\",\"location\":{\"lat\":\"12\",\"lng\":3}}"));
        assertEquals("lat must be a number, not a string", e.getMessage());
    }

    @Test
    void unknownTypeErrorListsWhatAClientMaySend() {
        InvalidMessageException e = assertThrows(InvalidMessageException.class,
                () -> MessageCodec.decode("{\"type\":\"teleport\"}"));
        assertTrue(e.getMessage().contains("teleport") && e.getMessage().contains("[ping, setPin, "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {MessageCodec.MAX_DEPTH + 1, 1_000, 30_000})
    void deeplyNestedJsonIsRefusedBeforeParsing(int depth) {
        String input = "{\"type\":\"ping\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> MessageCodec.decode(input));
        assertEquals(ErrorCode.NESTING_TOO_DEEP, e.code());
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() {
        String id = "[[[[{{{{".repeat(20) + "\\\"]";
        Ping ping = (Ping) MessageCodec.decode("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
        assertEquals("[[[[{{{{".repeat(20) + "\"]", ping.id());
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        int depth = MessageCodec.MAX_DEPTH - 1; // the message object itself is one level
        String input = "{\"type\":\"ping\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertInstanceOf(Ping.class, MessageCodec.decode(input));
    }

    @Test
    void largeNumericIdIsEchoedExactly() {
        Ping ping = (Ping) MessageCodec.decode("{\"type\":\"ping\",\"id\":12345678901234567890.5}");
        assertEquals(new BigDecimal("12345678901234567890.5"), ping.id());
        assertEquals("{\"type\":\"pong\",\"id\":12345678901234567890.5,\"clientTime\":0}", MessageCodec.encode(ping.pong()));
    }
}
