package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.MessageCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"ping\",\"id\":\"a\",\"clientTime\":1}                                  | true",
        "{\"type\":\"sync\"}                                                                | true",
        "{\"type\":\"hello\",\"name\":\"Ana\"}                                              | true",
        "{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":2}}                           | false",
        "{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}}}                 | false",
        "{\"type\":\"updatePin\",\"id\":\"p1\",\"set\":{\"label\":\"x\"}}                   | false",
        "{\"type\":\"removePin\",\"id\":\"p1\"}                                             | false",
        "{\"type\":\"addRoute\",\"route\":{\"points\":[{\"lat\":1,\"lng\":2},{\"lat\":3,\"lng\":4}]}} | false",
        "{\"type\":\"updateRoute\",\"id\":\"r1\",\"set\":{\"label\":\"x\"}}                 | false",
        "{\"type\":\"removeRoute\",\"id\":\"r1\"}                                           | false",
        "{\"type\":\"shareLocation\",\"location\":{\"lat\":1,\"lng\":2}}                    | false",
        "{\"type\":\"stopSharing\"}                                                         | false",
        "{\"type\":\"listSessions\"}                                                        | true",
        "{\"type\":\"saveSession\",\"name\":\"x\"}                                          | false",
        "{\"type\":\"restoreSession\",\"sessionId\":\"s1\"}                                 | false",
        "{\"type\":\"deleteSession\",\"sessionId\":\"s1\"}                                  | false",
        "{\"type\":\"token\",\"token\":\"eyJ.x.y\",\"ref\":\"t1\"}                       | true",
    })
    void viewersMayReadAndPresentThemselvesOnly(String json, boolean permittedToViewers) {
        ClientMessage message = MessageCodec.decode(json);
        assertEquals(permittedToViewers, ViewRules.permits(Access.VIEW, message));
        assertEquals(true, ViewRules.permits(Access.EDIT, message));
    }
}
