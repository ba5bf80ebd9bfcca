package dev.waypoint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void framesKeepTheirOrderPerConnectionAndARunOfOneFrameIsSentOnce() {
        String change = "{\"type\":\"pinUpdate\",\"location\":{\"lat\":1.0,\"lng\":2.0}}";
        String mine = "{\"type\":\"pinAdded\",\"ref\":\"x\\ty\"}"; // an escaped tab stays inside the JSON
        String other = "{\"type\":\"pong\",\"id\":\"\",\"clientTime\":0}";
        List<Long> ids = List.of(1L, 2L, 3L, 2L, 1L, 3L);
        List<String> frames = List.of(change, change, change, mine, other, other);
        String text = Wire.frames("uuid-a", ids, frames);
        assertEquals(1, text.split(java.util.regex.Pattern.quote(change), -1).length - 1, "the shared frame once");

        List<String> received = new ArrayList<>();
        List<Set<Long>> touched = new ArrayList<>();
        Wire.readFrames(text, (from, connection, frame) -> received.add(from + " " + connection + " " + frame), touched::add);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            expected.add("uuid-a " + ids.get(i) + " " + frames.get(i));
        }
        assertEquals(expected, received);
        assertEquals(List.of(Set.of(1L, 2L, 3L)), touched);
    }

    @Test
    void theLastFieldIsTakenWhole() {
        String[] f = Wire.split(Wire.join("uuid-b", 7, 2, "{\"type\":\"access\"}", "room\twith tab"), 6);
        assertEquals("{\"type\":\"access\"}", f[4]);
        assertEquals("room\twith tab", f[5]);
        assertEquals("", Wire.split(Wire.join("uuid-b", 7, 2, null, "room"), 6)[4], "no greeting");
        assertThrows(IllegalArgumentException.class, () -> Wire.split("L\tuuid", 3));
        assertThrows(IllegalArgumentException.class, () -> Wire.readFrames("F\tuuid\t1", (a, b, c) -> { }, t -> { }));
    }
}
