package dev.waypoint.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Meetup;
import dev.waypoint.message.MessageCodec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Protocol version 2 in the room: snapshot, versions, acknowledgements, pins, presence, and the legacy pin. */
class RoomVersion2Test {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC);
    /** A meetup service that answers at once with a fixed meetup at the first sharer's place. */
    private static final MeetupService FIRST_SHARER = (sharing, done) -> {
        Location first = sharing.values().iterator().next();
        done.accept(new Meetup(first, Meetup.GREAT_CIRCLE, null, List.of()));
    };
    private final Room room = new Room("v2", MessageCodec::encode, new Limits(3, 10, 20, 2, 5, 8, 2, 4), CLOCK, FIRST_SHARER);

    /** A connection in the room, with what it received parsed. */
    private final class Client {
        final RecordingTransport transport = new RecordingTransport();
        final Member member;
        int read;

        Client(int protocol) {
            member = room.join(new Outbox(transport, 10_000), protocol);
        }

        Client send(String json) {
            ClientMessage message = MessageCodec.decode(json);
            room.receive(member, message);
            return this;
        }

        /** Frames received since the last call. */
        List<JsonObject> received() {
            List<String> frames = transport.frames();
            List<JsonObject> fresh = frames.subList(read, frames.size()).stream()
                    .map(f -> Json.createReader(new StringReader(f)).readObject()).collect(Collectors.toList());
            read = frames.size();
            return fresh;
        }

        JsonObject only() {
            List<JsonObject> got = received();
            assertEquals(1, got.size(), () -> "expected one message, got " + got);
            return got.get(0);
        }
    }

    private static String addPin(String ref, String fields) {
        return "{\"type\":\"addPin\",\"ref\":\"" + ref + "\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}" + fields + "}}";
    }

    @Test
    void version2JoinerGetsTheWholeRoomFirst() {
        Client v1 = new Client(1);
        v1.send("{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":2}}");
        Client v2 = new Client(2);
        JsonObject snapshot = v2.only();
        assertEquals("snapshot", snapshot.getString("type"));
        assertEquals(2, snapshot.getInt("protocol"));
        assertEquals(List.of("pins", "routes", "presence", "meetup", "sessions", "geojson", "token"), snapshot.getJsonArray("features").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(3, snapshot.getInt("version"), "v1 joined, legacy pin set, v2 joined");
        assertEquals("u2", snapshot.getString("you"));
        assertEquals("legacy", snapshot.getJsonArray("pins").getJsonObject(0).getString("id"));
        assertEquals(2, snapshot.getJsonArray("participants").size());
        assertEquals(1, snapshot.getJsonArray("participants").getJsonObject(0).getInt("protocol"));
        assertEquals(3, snapshot.getJsonObject("limits").getInt("pinsPerRoom"));
    }

    @Test
    void addedPinReachesEveryVersion2ClientWithTheRefOnlyForTheRequester() {
        Client a = new Client(2);
        Client b = new Client(2);
        Client demo = new Client(1);
        a.received();
        b.received();
        demo.received();

        a.send(addPin("r1", ",\"color\":\"#00FF00\",\"label\":\" Lunch \",\"symbol\":\"🍕\",\"metadata\":{\"n\":1,\"ok\":true}"));

        JsonObject forA = a.only();
        JsonObject forB = b.only();
        assertEquals("pinAdded", forA.getString("type"));
        assertEquals("r1", forA.getString("ref"));
        assertFalse(forB.containsKey("ref"));
        assertEquals(forA.getJsonNumber("version"), forB.getJsonNumber("version"));
        JsonObject pin = forB.getJsonObject("pin");
        assertEquals("#00ff00", pin.getString("color"));
        assertEquals("Lunch", pin.getString("label"));
        assertEquals("🍕", pin.getString("symbol"));
        assertEquals(Json.createObjectBuilder().add("n", 1).add("ok", true).build(), pin.getJsonObject("metadata"));
        assertEquals("Guest 1", pin.getString("createdBy"));
        assertEquals("2026-11-27T09:00:00Z", pin.getString("createdAt"));
        assertEquals(List.of(), demo.received(), "a demo client hears nothing of version 2 pins");
    }

    @Test
    void everyChangeCarriesTheNextVersion() {
        Client a = new Client(2);
        long version = a.only().getJsonNumber("version").longValue();
        a.send(addPin("1", "")).send("{\"type\":\"hello\",\"name\":\"Ana\"}")
                .send("{\"type\":\"updatePin\",\"id\":\"p1\",\"set\":{\"label\":\"x\"}}").send("{\"type\":\"removePin\",\"id\":\"p1\"}");
        new Client(1);
        for (JsonObject change : a.received()) {
            assertEquals(++version, change.getJsonNumber("version").longValue(), change.toString());
        }
        assertEquals(version, room.version());
    }

    @Test
    void updateSendsTheWholePinAndNullClearsAField() {
        Client a = new Client(2);
        a.send(addPin("1", ",\"description\":\"old\",\"symbol\":\"icon:flag\"")).received();
        a.send("{\"type\":\"updatePin\",\"id\":\"p1\",\"set\":{\"description\":null,\"location\":{\"lat\":5,\"lng\":190}}}");
        JsonObject pin = a.only().getJsonObject("pin");
        assertFalse(pin.containsKey("description"));
        assertEquals("icon:flag", pin.getString("symbol"));
        assertEquals(-170.0, pin.getJsonObject("location").getJsonNumber("lng").doubleValue());
    }

    @Test
    void staleBaseVersionIsAConflictAndChangesNothing() {
        Client a = new Client(2);
        Client b = new Client(2);
        a.received();
        a.send(addPin("1", ""));
        long added = a.only().getJsonNumber("version").longValue();
        b.received();
        a.send("{\"type\":\"updatePin\",\"id\":\"p1\",\"baseVersion\":" + added + ",\"set\":{\"label\":\"A\"}}");
        a.received();
        b.received();

        b.send("{\"type\":\"updatePin\",\"id\":\"p1\",\"baseVersion\":" + added + ",\"ref\":\"mine\",\"set\":{\"label\":\"B\"}}");

        JsonObject error = b.only();
        assertEquals("conflict", error.getString("code"));
        assertEquals("mine", error.getString("ref"));
        assertEquals(List.of(), a.received());
        assertEquals("A", room.pins().get(0).label());
    }

    @Test
    void invalidPinFieldsAreRefusedWithTheirRefAndNothingIsBroadcast() {
        Client a = new Client(2);
        Client b = new Client(2);
        a.received();
        b.received();
        for (String fields : List.of(",\"label\":\"far too long a label\"", ",\"color\":\"red\"", ",\"symbol\":\"ab\"",
                ",\"symbol\":\"icon:rocket\"", ",\"metadata\":{\"a\":1,\"b\":2,\"c\":3}", ",\"metadata\":{\"toolong\":1}",
                ",\"metadata\":{\"a\":\"123456789\"}", ",\"metadata\":{\"a\":[1]}", ",\"description\":5",
                ",\"colour\":\"#000000\"")) {
            a.send(addPin("bad", fields));
            JsonObject error = a.only();
            assertEquals("invalid_pin", error.getString("code"), fields);
            assertEquals("bad", error.getString("ref"), fields);
        }
        assertEquals(List.of(), b.received());
        assertTrue(room.pins().isEmpty());
    }

    @Test
    void invalidLocationInAnAddPinIsRefusedWithItsRef() {
        Client a = new Client(2);
        a.received();
        a.send("{\"type\":\"addPin\",\"ref\":\"r9\",\"pin\":{\"location\":{\"lat\":99,\"lng\":0}}}");
        JsonObject error = a.only();
        assertEquals("invalid_pin", error.getString("code"));
        assertEquals("r9", error.getString("ref"));
        assertTrue(error.getString("message").contains("lat"), error.getString("message"));
    }

    @Test
    void errorsFoundWhileDecodingNameTheRefToo() {
        dev.waypoint.message.InvalidMessageException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.waypoint.message.InvalidMessageException.class,
                () -> MessageCodec.decode("{\"type\":\"shareLocation\",\"ref\":\"r8\",\"location\":{\"lat\":\"1\",\"lng\":0}}"));
        assertEquals("invalid_location", e.code().wireName());
        assertEquals("r8", e.ref());
    }

    @Test
    void pinsPerRoomIsALimit() {
        Client a = new Client(2);
        a.send(addPin("1", "")).send(addPin("2", "")).send(addPin("3", "")).received();
        a.send(addPin("4", ""));
        JsonObject error = a.only();
        assertEquals("limit_reached", error.getString("code"));
        assertTrue(error.getString("message").contains("3"));
    }

    @Test
    void unknownPinIsNotFound() {
        Client a = new Client(2);
        a.received();
        a.send("{\"type\":\"removePin\",\"id\":\"p404\",\"ref\":\"x\"}");
        assertEquals("not_found", a.only().getString("code"));
    }

    @Test
    void legacyPinIsSharedBetweenTheProtocols() {
        Client demo = new Client(1);
        Client v2 = new Client(2);
        v2.received();
        demo.received();

        demo.send("{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":2}}");
        assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":1.0,\"lng\":2.0}}", demo.only().toString());
        JsonObject added = v2.only();
        assertEquals("pinAdded", added.getString("type"));
        assertEquals("legacy", added.getJsonObject("pin").getString("id"));

        v2.send("{\"type\":\"updatePin\",\"id\":\"legacy\",\"set\":{\"location\":{\"lat\":3,\"lng\":4}}}");
        assertEquals("{\"type\":\"pinUpdate\",\"location\":{\"lat\":3.0,\"lng\":4.0}}", demo.only().toString());
        v2.received();

        v2.send("{\"type\":\"updatePin\",\"id\":\"legacy\",\"set\":{\"label\":\"Meet here\"}}");
        assertEquals(List.of(), demo.received(), "a label change does not move the pin");
        v2.received();

        v2.send("{\"type\":\"removePin\",\"id\":\"legacy\"}");
        assertEquals(List.of(), demo.received(), "version 1 cannot hear a removal");
        assertEquals("pinRemoved", v2.only().getString("type"));
        assertTrue(new Client(1).received().isEmpty(), "a demo joiner after the removal gets no pin");

        demo.send("{\"type\":\"setPin\",\"location\":{\"lat\":5,\"lng\":6}}");
        assertEquals("pinUpdate", demo.only().getString("type"));
        assertEquals("pinAdded", v2.received().get(1).getString("type"), "after the demo joiner's participantJoined");
    }

    @Test
    void version2RequestsFromADemoClientAreUnknownTypes() {
        Client demo = new Client(1);
        demo.send(addPin("1", ""));
        JsonObject error = demo.only();
        assertEquals("unknown_type", error.getString("code"));
        assertTrue(room.pins().isEmpty());
    }

    @Test
    void presenceIsBroadcastAndSharingComesAndGoes() {
        Client a = new Client(2);
        a.received();
        Client b = new Client(2);
        assertEquals("participantJoined", a.only().getString("type"));
        b.received();

        b.send("{\"type\":\"hello\",\"name\":\" Bo \",\"color\":\"#123ABC\",\"ref\":\"h\"}");
        JsonObject renamed = a.only().getJsonObject("participant");
        assertEquals("Bo", renamed.getString("name"));
        assertEquals("#123abc", renamed.getString("color"));
        assertEquals("h", b.only().getString("ref"));

        b.send("{\"type\":\"shareLocation\",\"location\":{\"lat\":10,\"lng\":20},\"accuracy\":30}");
        JsonObject sharing = a.only().getJsonObject("participant").getJsonObject("sharing");
        assertEquals(10.0, sharing.getJsonNumber("lat").doubleValue());
        assertEquals(30.0, sharing.getJsonNumber("accuracy").doubleValue());
        b.send("{\"type\":\"stopSharing\"}");
        assertFalse(a.only().getJsonObject("participant").containsKey("sharing"));

        b.send("{\"type\":\"hello\",\"name\":\"   \"}");
        assertEquals(List.of(), a.received());
        b.received();

        room.leave(b.member);
        JsonObject left = a.only();
        assertEquals("participantLeft", left.getString("type"));
        assertEquals(b.member.id(), left.getString("id"));
    }

    @Test
    void syncAnswersWithAFreshSnapshotNamingTheRef() {
        Client a = new Client(2);
        a.send(addPin("1", "")).received();
        a.send("{\"type\":\"sync\",\"ref\":\"s1\"}");
        JsonObject snapshot = a.only();
        assertEquals("snapshot", snapshot.getString("type"));
        assertEquals("s1", snapshot.getString("ref"));
        assertEquals(1, snapshot.getJsonArray("pins").size());
    }

    @Test
    void routesJoinPinsAndFreePointsAndKeepTheirShapeWhenAPinGoes() {
        Client a = new Client(2);
        Client b = new Client(2);
        a.send(addPin("1", "")).received();
        b.received();
        a.send("{\"type\":\"addRoute\",\"ref\":\"rt\",\"route\":{\"points\":[{\"pinId\":\"p1\"},{\"lat\":3,\"lng\":4}],\"label\":\"Walk\"}}");
        JsonObject added = b.only();
        assertEquals("routeAdded", added.getString("type"));
        assertEquals("Walk", added.getJsonObject("route").getString("label"));
        assertEquals("rt", a.only().getString("ref"));

        a.send("{\"type\":\"removePin\",\"id\":\"p1\"}");
        List<JsonObject> changes = b.received();
        assertEquals(List.of("pinRemoved", "routeUpdated"), changes.stream().map(c -> c.getString("type")).toList());
        JsonObject first = changes.get(1).getJsonObject("route").getJsonArray("points").getJsonObject(0);
        assertEquals(1.0, first.getJsonNumber("lat").doubleValue(), "the point stays where the pin was");
        assertEquals(changes.get(0).getJsonNumber("version").longValue() + 1, changes.get(1).getJsonNumber("version").longValue());
    }

    @Test
    void invalidRoutesAreRefused() {
        Client a = new Client(2);
        a.send(addPin("1", "")).received();
        for (String points : List.of("[{\"pinId\":\"p1\"}]", "[{\"pinId\":\"p9\"},{\"pinId\":\"p1\"}]",
                "[{\"lat\":1,\"lng\":1},{\"lat\":95,\"lng\":1}]", "[1,2]", "{\"a\":1}",
                "[{\"lat\":1,\"lng\":1},{\"lat\":1,\"lng\":1},{\"lat\":1,\"lng\":1},{\"lat\":1,\"lng\":1},{\"lat\":1,\"lng\":1}]")) {
            a.send("{\"type\":\"addRoute\",\"ref\":\"x\",\"route\":{\"points\":" + points + "}}");
            JsonObject error = a.only();
            assertEquals("invalid_route", error.getString("code"), points);
            assertEquals("x", error.getString("ref"), points);
        }
        assertTrue(room.routes().isEmpty());
        a.send("{\"type\":\"removeRoute\",\"id\":\"r1\"}");
        assertEquals("not_found", a.only().getString("code"));
    }

    @Test
    void meetupComesWithTheSecondSharerAndGoesWhenOnlyOneIsLeft() {
        Client a = new Client(2);
        Client b = new Client(2);
        a.received();
        b.received();
        a.send("{\"type\":\"shareLocation\",\"location\":{\"lat\":10,\"lng\":20}}");
        assertEquals(List.of("participantUpdated"), types(b.received()), "one sharer: no meetup");
        a.received();
        b.send("{\"type\":\"shareLocation\",\"location\":{\"lat\":11,\"lng\":21}}");
        List<JsonObject> changes = a.received();
        assertEquals(List.of("participantUpdated", "meetupUpdated"), types(changes));
        assertEquals(10.0, changes.get(1).getJsonObject("meetup").getJsonObject("point").getJsonNumber("lat").doubleValue());
        assertEquals("great-circle", changes.get(1).getJsonObject("meetup").getString("method"));

        Client late = new Client(2);
        assertTrue(late.received().get(0).containsKey("meetup"), "the snapshot carries the meetup");
        a.received();

        room.leave(b.member);
        List<JsonObject> afterLeave = a.received();
        assertEquals(List.of("participantLeft", "meetupUpdated"), types(afterLeave));
        assertFalse(afterLeave.get(1).containsKey("meetup"), "no meetup with one sharer left");
    }

    @Test
    void onlyThePlanOfTheLatestLocationsIsAppliedAndPlansDoNotOverlap() {
        List<Runnable> pending = new ArrayList<>();
        int[] running = new int[1];
        int[] maxRunning = new int[1];
        MeetupService slow = (sharing, done) -> {
            maxRunning[0] = Math.max(maxRunning[0], ++running[0]);
            Location first = sharing.values().iterator().next();
            pending.add(() -> {
                running[0]--;
                done.accept(new Meetup(first, Meetup.ROUTER, null, List.of()));
            });
        };
        Room planned = new Room("slow", MessageCodec::encode, Limits.DEFAULTS, CLOCK, slow);
        RecordingTransport watcher = new RecordingTransport();
        planned.join(new Outbox(watcher, 1000), 2);
        Member a = planned.join(new Outbox(new RecordingTransport(), 1000), 2);
        Member b = planned.join(new Outbox(new RecordingTransport(), 1000), 2);
        planned.receive(a, MessageCodec.decode("{\"type\":\"shareLocation\",\"location\":{\"lat\":1,\"lng\":1}}"));
        planned.receive(b, MessageCodec.decode("{\"type\":\"shareLocation\",\"location\":{\"lat\":2,\"lng\":2}}"));
        assertEquals(1, pending.size(), "the first plan starts");
        planned.receive(a, MessageCodec.decode("{\"type\":\"shareLocation\",\"location\":{\"lat\":3,\"lng\":3}}"));
        planned.receive(a, MessageCodec.decode("{\"type\":\"shareLocation\",\"location\":{\"lat\":4,\"lng\":4}}"));
        assertEquals(1, pending.size(), "changes meanwhile wait for it");

        pending.remove(0).run(); // stale: the locations changed; one more plan starts with the latest
        assertTrue(planned.meetup().isEmpty());
        assertEquals(1, pending.size());
        pending.remove(0).run();
        assertEquals(4.0, planned.meetup().orElseThrow().point().lat(), "the latest locations' plan");
        assertEquals(1, maxRunning[0], "one plan at a time");
        long meetupChanges = watcher.frames().stream().filter(f -> f.contains("\"meetupUpdated\"")).count();
        assertEquals(1, meetupChanges);
    }

    @Test
    void concurrentSharersAlwaysEndWithTheMeetupOfTheirLastLocations() throws Exception {
        for (int round = 0; round < 50; round++) {
            Room shared = new Room("race" + round, MessageCodec::encode, Limits.DEFAULTS, CLOCK, FIRST_SHARER);
            Member a = shared.join(new Outbox(new RecordingTransport(), 1000), 2);
            Member b = shared.join(new Outbox(new RecordingTransport(), 1000), 2);
            ExecutorService two = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            for (Member m : List.of(a, b)) {
                two.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    shared.receive(m, MessageCodec.decode("{\"type\":\"shareLocation\",\"location\":{\"lat\":1,\"lng\":1}}"));
                });
            }
            go.countDown();
            two.shutdown();
            assertTrue(two.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(shared.meetup().isPresent(), "round " + round + ": both share, so there is a meetup");
        }
    }

    private static List<String> types(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("type")).toList();
    }

    @Test
    void concurrentEditorsLeaveEveryClientWithTheSameChangesInVersionOrder() throws Exception {
        Room big = new Room("busy", MessageCodec::encode, new Limits(10_000, 80, 1000, 20, 40, 200, 100, 100), CLOCK,
                FIRST_SHARER);
        List<RecordingTransport> transports = new ArrayList<>();
        List<Member> editors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RecordingTransport transport = new RecordingTransport();
            transports.add(transport);
            editors.add(big.join(new Outbox(transport, 1_000_000), i % 3 == 0 ? 1 : 2));
        }
        Member first = editors.get(1);
        big.receive(first, MessageCodec.decode(addPin("seed", "")));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        for (Member editor : editors) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 300; i++) {
                    String request = editor.protocol() == 1
                            ? "{\"type\":\"setPin\",\"location\":{\"lat\":" + (i % 80) + ",\"lng\":1}}"
                            : i % 3 == 0 ? addPin("a" + i, "")
                            : "{\"type\":\"updatePin\",\"id\":\"p1\",\"set\":{\"label\":\"" + editor.id() + i + "\"}}";
                    big.receive(editor, MessageCodec.decode(request));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

        List<List<String>> version2Views = new ArrayList<>();
        for (int i = 0; i < editors.size(); i++) {
            if (editors.get(i).protocol() == 2) {
                List<String> changes = transports.get(i).frames().stream()
                        .map(f -> f.replace(",\"ref\":\"" , ",\"REF\":\"").replaceAll(",\"REF\":\"[^\"]*\"", ""))
                        .filter(f -> !f.startsWith("{\"type\":\"snapshot\"") && !f.contains("participantJoined"))
                        .collect(Collectors.toList());
                version2Views.add(changes);
                long previous = -1;
                for (String change : changes) {
                    long v = Json.createReader(new StringReader(change)).readObject().getJsonNumber("version").longValue();
                    assertTrue(previous < 0 || v == previous + 1, "versions without gaps: " + previous + " then " + v);
                    previous = v;
                }
            }
        }
        for (List<String> view : version2Views) {
            assertEquals(version2Views.get(0), view, "every version 2 client sees the same changes in the same order");
        }
    }
}
