package dev.waypoint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A setPin's sequence number rides in its location and must come back from whatever a server echoes. */
class ProtoTest {

    private static long seqOf(String frame) {
        ByteBuf buf = Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8);
        try {
            return Proto.seqOfPinUpdate(buf);
        } finally {
            buf.release();
        }
    }

    /** The location of a setPin, echoed as a server would (the demo echoes the object as it came). */
    private static String echo(long seq) {
        String setPin = Proto.setPin(seq);
        return "{\"type\":\"pinUpdate\",\"location\":" + DemoPeer.object(setPin, "\"location\"") + "}";
    }

    @Test
    void sequenceNumbersSurviveTheRoundTrip() {
        for (long seq : new long[] {1, 9, 10, 9_999, 10_000, 999_999, 1_000_000, 1_000_001, 123_456_789, 899_999_999_999L}) {
            assertEquals(seq, seqOf(echo(seq)), Proto.setPin(seq));
            assertEquals(seq, Proto.seqOf(echo(seq)));
        }
    }

    @Test
    void locationsStayInsideTheValidRanges() {
        // lat = s div 1,000,000 and lng = s mod 1,000,000, in units of 1e-4: below 90 and 100 up to this (far more
        // setPins than any run sends), so a validating server keeps them and never wraps a longitude.
        String setPin = Proto.setPin(899_999_999_999L);
        assertEquals(89.9999, Proto.number(setPin, "\"lat\""));
        assertEquals(99.9999, Proto.number(setPin, "\"lng\""));
        assertEquals("{\"type\":\"setPin\",\"location\":{\"lat\":0.0000,\"lng\":0.0001}}", Proto.setPin(1));
    }

    @Test
    void readsTheNumberFormatsServersWrite() {
        // Jakarta JSON Binding, JavaScript and others print the same double differently; order and spacing vary too.
        assertEquals(1, seqOf("{\"type\":\"pinUpdate\",\"location\":{\"lat\":0.0,\"lng\":1.0E-4}}"));
        assertEquals(1, seqOf("{\"type\":\"pinUpdate\",\"location\":{\"lng\":0.0001, \"lat\": 0}}"));
        assertEquals(2_123_000, seqOf("{\"location\":{\"lat\":2.0E-4,\"lng\":12.3},\"type\":\"pinUpdate\"}"));
        assertEquals(12, seqOf("{\"type\":\"pinUpdate\",\"location\":{\"lat\":0,\"lng\":0.00119999999}}"));
    }

    @Test
    void framesThatAreNoPinUpdateOrCarryNoSequenceAreTold() {
        assertEquals(-1, seqOf("{\"type\":\"pong\",\"id\":\"p1-3\",\"clientTime\":5}"));
        assertEquals(-2, seqOf("{\"type\":\"pinUpdate\",\"location\":{\"lat\":-33.9,\"lng\":151.2}}"));
        assertEquals(-2, seqOf("{\"type\":\"pinUpdate\"}"));
    }

    @Test
    void pongsCarryTheirIdBack() {
        String pong = "{\"type\":\"pong\",\"id\":\"p3-17\",\"clientTime\":1700000000000}";
        assertEquals("p3-17", Proto.string(pong, "\"id\""));
        assertEquals(1.7e12, Proto.number(pong, "\"clientTime\""));
    }
}
