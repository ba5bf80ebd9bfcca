package dev.waypoint.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A decoded request encodes back to a request that decodes to the same thing: in a cluster, requests travel as JSON
 * from the client's instance to the room's owner (dev.waypoint.cluster.GridRooms), so a request that changed on the
 * way would mean a different change on another instance.
 */
class RequestRoundTripTest {

    static final List<String> REQUESTS = List.of(
            "{\"type\":\"ping\",\"id\":\"x\",\"clientTime\":123}",
            "{\"type\":\"ping\",\"id\":42}",
            "{\"type\":\"setPin\",\"location\":{\"lat\":51.5,\"lng\":-0.12}}",
            "{\"type\":\"hello\",\"name\":\"Ada\",\"color\":\"#112233\",\"ref\":\"h1\"}",
            "{\"type\":\"addPin\",\"ref\":\"a1\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2},\"label\":\"L\",\"color\":\"#ff0000\",\"description\":null,\"metadata\":{\"k\":[1,true,\"v\",null]}}}",
            "{\"type\":\"updatePin\",\"id\":\"p1\",\"baseVersion\":7,\"set\":{\"label\":\"M\",\"symbol\":null}}",
            "{\"type\":\"removePin\",\"id\":\"p1\",\"baseVersion\":3,\"ref\":\"r\"}",
            "{\"type\":\"shareLocation\",\"location\":{\"lat\":10,\"lng\":20},\"accuracy\":15}",
            "{\"type\":\"stopSharing\"}",
            "{\"type\":\"sync\",\"ref\":\"s\"}",
            "{\"type\":\"addRoute\",\"route\":{\"points\":[{\"pinId\":\"p1\"},{\"lat\":1,\"lng\":2}],\"label\":\"R\"}}",
            "{\"type\":\"updateRoute\",\"id\":\"r1\",\"set\":{\"color\":\"#00ff00\"}}",
            "{\"type\":\"removeRoute\",\"id\":\"r1\"}",
            "{\"type\":\"saveSession\",\"name\":\"Friday\",\"ref\":\"x\"}",
            "{\"type\":\"listSessions\"}",
            "{\"type\":\"restoreSession\",\"sessionId\":\"s1\"}",
            "{\"type\":\"deleteSession\",\"sessionId\":\"s1\",\"ref\":\"d\"}",
            "{\"type\":\"token\",\"token\":\"eyJhbGciOiJIUzI1NiJ9.e30.sig\",\"ref\":\"t\"}");

    @Test
    void everyRequestTypeIsCovered() {
        Set<String> covered = new HashSet<>();
        REQUESTS.forEach(r -> covered.add(MessageCodec.encode(MessageCodec.decode(r)).replaceAll("^\\{\"type\":\"([A-Za-z]+)\".*", "$1")));
        assertEquals(Set.copyOf(ClientMessage.TYPES_V2), covered);
    }

    @Test
    void everyRequestSurvivesEncodingAndDecodingUnchanged() {
        for (String request : REQUESTS) {
            ClientMessage decoded = MessageCodec.decode(request);
            String encoded = MessageCodec.encode(decoded);
            assertEquals(decoded, MessageCodec.decode(encoded), request + " came back as " + encoded);
        }
    }
}
