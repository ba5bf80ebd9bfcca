package dev.waypoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash test's judge ({@link ClientsSaw}): it must report every kind of loss the crash test exists to catch, and
 * accept what a crash may legitimately leave (a change committed but not yet broadcast).
 */
class ClientsSawTest {

    private static final JsonArray NO_SESSIONS = Json.createArrayBuilder().build();

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    static String pin(String id, double lat, String label, long version) {
        return "{'id':'" + id + "','location':{'lat':" + lat + ",'lng':1.0},'color':'#e53935','label':'" + label
                + "','createdBy':'Guest 1','createdAt':'2026-11-27T09:00:00Z','version':" + version + "}";
    }

    static JsonObject snapshot(long version, String... pins) {
        return json("{'type':'snapshot','version':" + version + ",'pins':[" + String.join(",", pins)
                + "],'routes':[]}");
    }

    /** Two clients watched: a pin p1 added then moved, p2 added then removed, p3 added. */
    private ClientsSaw sawSomeChanges() {
        ClientsSaw saw = new ClientsSaw("r");
        for (String client : List.of("w1", "w2")) {
            saw.record(client, 2, snapshot(2));
        }
        saw.record("w1", 2, json("{'type':'pinAdded','version':3,'pin':" + pin("p1", 1, "a", 3) + "}"));
        saw.record("w1", 2, json("{'type':'pinAdded','version':4,'pin':" + pin("p2", 2, "b", 4) + "}"));
        saw.record("w1", 2, json("{'type':'pinUpdated','version':5,'pin':" + pin("p1", 5, "a2", 5) + "}"));
        saw.record("w2", 2, json("{'type':'pinAdded','version':3,'pin':" + pin("p1", 1, "a", 3) + "}"));
        saw.record("w2", 2, json("{'type':'pinAdded','version':4,'pin':" + pin("p2", 2, "b", 4) + "}"));
        saw.record("w2", 2, json("{'type':'pinUpdated','version':5,'pin':" + pin("p1", 5, "a2", 5) + "}"));
        saw.record("w2", 2, json("{'type':'pinRemoved','version':6,'id':'p2'}"));
        saw.record("w2", 2, json("{'type':'pinAdded','version':7,'pin':" + pin("p3", 3, "c", 7) + "}"));
        return saw;
    }

    @Test
    void aRoomWithEverythingSeenPasses() {
        ClientsSaw saw = sawSomeChanges();
        assertEquals(List.of(), saw.check(7, snapshot(8, pin("p1", 5, "a2", 5), pin("p3", 3, "c", 7)), NO_SESSIONS,
                List.of(), -1));
    }

    @Test
    void aLostChangeIsReported() {
        ClientsSaw saw = sawSomeChanges();
        List<String> lostAdd = saw.check(7, snapshot(8, pin("p1", 5, "a2", 5)), NO_SESSIONS, List.of(), -1);
        assertTrue(lostAdd.size() == 1 && lostAdd.get(0).contains("pin:p3") && lostAdd.get(0).contains("lost"),
                lostAdd.toString());
        List<String> lostMove = saw.check(7, snapshot(8, pin("p1", 1, "a", 3), pin("p3", 3, "c", 7)), NO_SESSIONS,
                List.of(), -1);
        assertTrue(lostMove.size() == 1 && lostMove.get(0).contains("older"), lostMove.toString());
        List<String> lostRemoval = saw.check(7, snapshot(8, pin("p1", 5, "a2", 5), pin("p2", 2, "b", 4),
                pin("p3", 3, "c", 7)), NO_SESSIONS, List.of(), -1);
        assertTrue(lostRemoval.size() == 1 && lostRemoval.get(0).contains("is back"), lostRemoval.toString());
        List<String> lostVersion = saw.check(6, snapshot(7, pin("p1", 5, "a2", 5), pin("p3", 3, "c", 7)),
                NO_SESSIONS, List.of(), -1);
        assertTrue(lostVersion.stream().anyMatch(p -> p.contains("restored at version 6")), lostVersion.toString());
        List<String> behind = saw.check(7, snapshot(9, pin("p1", 5, "a2", 5), pin("p3", 3, "c", 8)), NO_SESSIONS,
                List.of(new ClientsSaw.Request("w1-9", "updatePin", "p3", "c")), -1);
        assertTrue(behind.size() == 1 && behind.get(0).contains("after the room's 7"), behind.toString());
        List<String> changed = saw.check(7, snapshot(8, pin("p1", 5, "other", 5), pin("p3", 3, "c", 7)),
                NO_SESSIONS, List.of(), -1);
        assertTrue(changed.size() == 1 && changed.get(0).contains("differs"), changed.toString());
    }

    @Test
    void aChangeCommittedButNotSeenMayBeThereOrNot() {
        ClientsSaw saw = sawSomeChanges();
        List<ClientsSaw.Request> inFlight = List.of(new ClientsSaw.Request("w1-9", "removePin", "p3", null),
                new ClientsSaw.Request("w1-10", "addPin", null, "d"),
                new ClientsSaw.Request("w1-11", "updatePin", "p1", "a3"));
        assertEquals(List.of(), saw.check(7, snapshot(8, pin("p1", 5, "a2", 5), pin("p3", 3, "c", 7)), NO_SESSIONS,
                inFlight, -1), "none of them made it");
        assertEquals(List.of(), saw.check(10, snapshot(11, pin("p1", 6, "a3", 9), pin("p4", 1, "d", 8)),
                NO_SESSIONS, inFlight, -1), "all of them made it");
        List<String> fromNowhere = saw.check(8, snapshot(9, pin("p1", 5, "a2", 5), pin("p3", 3, "c", 7),
                pin("p4", 1, "e", 8)), NO_SESSIONS, inFlight, -1);
        assertTrue(fromNowhere.size() == 1 && fromNowhere.get(0).contains("no unanswered request made it"),
                fromNowhere.toString());
    }

    @Test
    void anythingARefusedRequestLeftIsReported() {
        ClientsSaw saw = sawSomeChanges();
        List<ClientsSaw.Request> refused = List.of(new ClientsSaw.Request("w1-9", "refused", null, "REFUSED-w1-9"));
        List<String> found = saw.check(8, snapshot(9, pin("p1", 5, "a2", 5), pin("p3", 3, "c", 7),
                pin("p4", 1, "REFUSED-w1-9", 8)), NO_SESSIONS, refused, -1);
        assertTrue(found.stream().anyMatch(p -> p.contains("a refused request left pin:p4")), found.toString());
        List<String> relabelled = saw.check(8, snapshot(9, pin("p1", 5, "REFUSED-w1-9", 8), pin("p3", 3, "c", 7)),
                NO_SESSIONS, refused, -1);
        assertTrue(relabelled.stream().anyMatch(p -> p.contains("a refused request left pin:p1")),
                relabelled.toString());
        JsonArray sessions = Json.createArrayBuilder().add(json("{'id':'s1','name':'REFUSED-w1-9'}")).build();
        List<String> session = saw.check(7, snapshot(8, pin("p1", 5, "a2", 5), pin("p3", 3, "c", 7)), sessions,
                refused, -1);
        assertTrue(session.size() == 1 && session.get(0).contains("saveSession"), session.toString());
    }

    @Test
    void theDemoClientsLastPinUpdateMustSurvive() {
        ClientsSaw saw = new ClientsSaw("r");
        saw.record("demo", 1, json("{'type':'pinUpdate','location':" + ClientsSaw.setPinLocation(3) + "}"));
        saw.record("demo", 1, json("{'type':'pinUpdate','location':" + ClientsSaw.setPinLocation(4) + "}"));
        String at = "{'id':'legacy','location':%s,'color':'#ff4136','label':'Pin','createdBy':'setPin',"
                + "'createdAt':'2026-11-27T09:00:00Z','version':9}";
        String legacy3 = at.formatted(ClientsSaw.setPinLocation(3).replace('"', '\''));
        String legacy5 = at.formatted(ClientsSaw.setPinLocation(5).replace('"', '\''));
        String legacy4 = at.formatted(ClientsSaw.setPinLocation(4).replace('"', '\''));
        assertEquals(List.of(), saw.check(9, snapshot(10, legacy4), NO_SESSIONS, List.of(), 5));
        assertEquals(List.of(), saw.check(9, snapshot(10, legacy5), NO_SESSIONS, List.of(), 5), "sent, not echoed");
        List<String> older = saw.check(9, snapshot(10, legacy3), NO_SESSIONS, List.of(), 5);
        assertTrue(older.size() == 1 && older.get(0).contains("last saw #4"), older.toString());
        List<String> gone = saw.check(9, snapshot(10), NO_SESSIONS, List.of(), 5);
        assertTrue(gone.size() == 1 && gone.get(0).contains("legacy pin is gone"), gone.toString());
    }

    @Test
    void aSessionAnnouncedAsSavedMustSurvive() {
        ClientsSaw saw = new ClientsSaw("r");
        saw.record("w1", 2, snapshot(1));
        JsonObject info = json("{'id':'s1','name':'n','author':'anonymous','savedAt':'2026-11-27T09:00:00Z',"
                + "'roomVersion':1,'pins':0,'routes':0}");
        saw.record("w1", 2, Json.createObjectBuilder().add("type", "sessionSaved").add("session", info).build());
        assertEquals(List.of(), saw.check(1, snapshot(2), Json.createArrayBuilder().add(info).build(), List.of(), -1));
        List<String> lost = saw.check(1, snapshot(2), NO_SESSIONS, List.of(), -1);
        assertTrue(lost.size() == 1 && lost.get(0).contains("session"), lost.toString());
    }

    @Test
    void framesOutOfOrderOrMissingAreReported() {
        ClientsSaw saw = new ClientsSaw("r");
        saw.record("w1", 2, snapshot(2));
        saw.record("w1", 2, json("{'type':'pinAdded','version':3,'pin':" + pin("p1", 1, "a", 3) + "}"));
        saw.record("w1", 2, json("{'type':'pinAdded','version':5,'pin':" + pin("p2", 1, "b", 5) + "}"));
        List<String> found = saw.check(5, snapshot(6, pin("p1", 1, "a", 3), pin("p2", 1, "b", 5)), NO_SESSIONS,
                List.of(), -1);
        assertTrue(found.size() == 1 && found.get(0).contains("version 5 after 3"), found.toString());
    }
}
