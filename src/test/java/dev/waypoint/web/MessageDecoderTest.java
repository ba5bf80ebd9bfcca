package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Ping;
import jakarta.websocket.DecodeException;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder(); // default limit: 65536 bytes

    private static String pingOfBytes(int bytes, String filler) {
        String head = "{\"type\":\"ping\",\"id\":\"";
        String tail = "\"}";
        int fill = (bytes - head.length() - tail.length()) / filler.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return head + filler.repeat(fill) + tail;
    }

    @Test
    void messageAtTheLimitIsDecoded() throws DecodeException {
        assertInstanceOf(Ping.class, decoder.decode(pingOfBytes(65536, "x")));
    }

    @Test
    void messageOverTheLimitIsRefusedAsTooLarge() {
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(pingOfBytes(65537, "x")));
        assertInstanceOf(MessageDecoder.TooLargeException.class, e.getCause());
    }

    @Test
    void limitCountsUtf8BytesNotCharacters() {
        // 22,000 characters, but each é is two bytes in UTF-8: over 64 KiB on the wire.
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(pingOfBytes(66_000, "é")));
        assertInstanceOf(MessageDecoder.TooLargeException.class, e.getCause());
    }

    @Test
    void utf8LengthCountsEachEncodingWidth() {
        assertEquals(1 + 2 + 3 + 4, MessageDecoder.utf8Length("a" + "é" + "€" + "😀", 9)); // counted fully: just over 9
    }

    @Test
    void invalidMessageBecomesADecodeExceptionCarryingTheReason() {
        DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode("{\"type\":\"nope\"}"));
        assertEquals("unknown_type", ((InvalidMessageException) e.getCause()).code().wireName());
    }
}
