package dev.waypoint.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.FeaturesImported;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Pin;
import dev.waypoint.message.PinEdit;
import dev.waypoint.message.RouteEdit;
import dev.waypoint.message.RoutePoint;
import dev.waypoint.message.SessionInfo;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rooms on a durable store: nothing is seen before it is stored, refused changes never reach the store, idle rooms
 * leave memory and come back as they were, restores and imports are one change each.
 */
class DurableRoomTest {

    /** A durable store in memory, whose writes the test commits (or fails) by hand. */
    static final class ManualStore implements RoomStore {
        final RoomStore sessions = RoomStore.inMemory();
        final java.util.Map<String, StoredRoom> rooms = new java.util.HashMap<>();
        final List<Room> waiting = new ArrayList<>();
        boolean failing;
        int loads;

        @Override
        public boolean isDurable() {
            return true;
        }

        @Override
        public Optional<StoredRoom> load(String roomId) {
            loads++;
            return Optional.ofNullable(rooms.get(roomId));
        }

        @Override
        public void write(List<RoomWrite> writes) {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            for (RoomWrite w : writes) {
                StoredRoom old = rooms.getOrDefault(w.roomId(), StoredRoom.empty(w.roomId()));
                java.util.Map<String, Pin> pins = new java.util.LinkedHashMap<>();
                java.util.Map<String, dev.waypoint.message.Route> routes = new java.util.LinkedHashMap<>();
                if (!w.replace()) {
                    old.pins().forEach(p -> pins.put(p.id(), p));
                    old.routes().forEach(r -> routes.put(r.id(), r));
                }
                w.removedPins().forEach(pins::remove);
                w.removedRoutes().forEach(routes::remove);
                w.savedPins().forEach(p -> pins.put(p.id(), p));
                w.savedRoutes().forEach(r -> routes.put(r.id(), r));
                rooms.put(w.roomId(), new StoredRoom(w.roomId(), w.version(), w.pinSequence(), w.routeSequence(),
                        List.copyOf(pins.values()), List.copyOf(routes.values())));
            }
        }

        /** What a WriteBehind does for the rooms that asked: drain, write, report. */
        void commit() {
            List<Room> now = List.copyOf(waiting);
            waiting.clear();
            for (Room room : now) {
                RoomWrite write = room.drainWrite();
                if (write == null) {
                    continue;
                }
                try {
                    write(List.of(write));
                    room.written(write);
                } catch (IllegalStateException e) {
                    room.writeFailed(write);
                    waiting.add(room);
                }
            }
        }

        @Override
        public SessionInfo saveSession(String roomId, String name, String author, Instant savedAt, long roomVersion,
                                       List<Pin> pins, List<dev.waypoint.message.Route> routes) {
            return sessions.saveSession(roomId, name, author, savedAt, roomVersion, pins, routes);
        }

        @Override
        public List<SessionInfo> sessions(String roomId) {
            return sessions.sessions(roomId);
        }

        @Override
        public Optional<SavedSession> session(String roomId, String sessionId) {
            return sessions.session(roomId, sessionId);
        }

        @Override
        public boolean deleteSession(String roomId, String sessionId) {
            return sessions.deleteSession(roomId, sessionId);
        }
    }

    final AtomicLong now = new AtomicLong(Instant.parse("2026-11-27T09:00:00Z").toEpochMilli());
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    final ManualStore store = new ManualStore();
    final RoomContext context = new RoomContext(MessageCodec::encode, Limits.DEFAULTS, clock, RoomContext.NO_MEETUPS,
            store, store.waiting::add);
    final RoomRegistry registry = new RoomRegistry(context, Duration.ofSeconds(60));

    final class Client {
        final RecordingTransport transport = new RecordingTransport();
        final RoomRegistry.Membership membership;
        int read;

        Client(String roomId, int protocol) {
            membership = registry.join(roomId, new Outbox(transport, 1_000_000, Long.MAX_VALUE), protocol);
        }

        Client send(String json) {
            ClientMessage message = MessageCodec.decode(json);
            membership.room().receive(membership.member(), message);
            return this;
        }

        List<JsonObject> received() {
            List<String> frames = transport.frames();
            List<JsonObject> fresh = frames.subList(read, frames.size()).stream()
                    .map(f -> Json.createReader(new StringReader(f)).readObject()).collect(Collectors.toList());
            read = frames.size();
            return fresh;
        }

        List<String> types() {
            return received().stream().map(o -> o.getString("type")).toList();
        }

        void leave() {
            registry.leave(membership);
        }
    }

    @Test
    void aChangeIsSeenOnlyOnceItIsStored() {
        Client writer = new Client("r", 2);
        Client watcher = new Client("r", 2);
        Client demo = new Client("r", 1);
        writer.received();
        watcher.received();
        store.commit(); // nothing to write yet: joins are not stored

        writer.send("{\"type\":\"addPin\",\"ref\":\"a\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}}}");
        watcher.send("{\"type\":\"ping\",\"id\":7}");
        demo.send("{\"type\":\"setPin\",\"location\":{\"lat\":5,\"lng\":6}}");
        assertEquals(List.of(), writer.types(), "held until stored");
        assertEquals(List.of(), watcher.types(), "the pong waits behind the stored change it followed");
        assertEquals(List.of(), demo.types());
        assertTrue(store.rooms.isEmpty());

        store.commit();
        assertEquals(List.of("pinAdded", "pinAdded"), writer.types());
        assertEquals(List.of("pinAdded", "pong", "pinAdded"), watcher.types());
        assertEquals(List.of("pinUpdate"), demo.types());
        StoredRoom stored = store.rooms.get("r");
        assertEquals(2, stored.pins().size());
        assertEquals(registry.find("r").orElseThrow().version(), stored.version());
    }

    @Test
    void aFailedWriteHoldsEverythingUntilItIsWrittenAgain() {
        Client writer = new Client("r", 2);
        writer.received();
        store.failing = true;
        writer.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}}}");
        store.commit();
        assertEquals(List.of(), writer.types());
        writer.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":3,\"lng\":4}}}");
        store.failing = false;
        store.commit();
        assertEquals(List.of("pinAdded", "pinAdded"), writer.types());
        assertEquals(2, store.rooms.get("r").pins().size());
    }

    @Test
    void aRefusedChangeNeverReachesTheStore() {
        Client writer = new Client("r", 2);
        writer.received();
        writer.send("{\"type\":\"updatePin\",\"id\":\"p9\",\"set\":{\"label\":\"x\"}}");
        assertEquals(List.of("error"), writer.types(), "an error changes nothing, so nothing waits for the store");
        store.commit();
        assertNull(store.rooms.get("r"));
    }

    @Test
    void theStoreFallingFarBehindRefusesNewChanges() {
        Room room = registry.room("busy");
        room.join(new Outbox(new RecordingTransport(), 10), 1);
        room.join(new Outbox(new RecordingTransport(), 10), 1);
        Client writer = new Client("busy", 2);
        writer.received();
        int sent = 0;
        while (writer.transport.frames().size() == writer.read && sent < Room.MAX_HELD_FRAMES) {
            writer.send("{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":" + (sent % 100) + "}}");
            sent++;
        }
        List<JsonObject> got = writer.received();
        assertEquals("storage_unavailable", got.get(got.size() - 1).getString("code"));
        store.commit();
        assertTrue(writer.received().size() > 1000, "what was accepted arrives once stored");
        writer.send("{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":1}}");
        store.commit();
        assertEquals("pinUpdated", writer.received().get(0).getString("type"), "accepted again once the store caught up");
    }

    @Test
    void anIdleRoomLeavesMemoryOnlyWhenStoredAndComesBackAsItWas() {
        Client a = new Client("r", 2);
        a.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2},\"label\":\"Cafe\"}}");
        a.send("{\"type\":\"addRoute\",\"route\":{\"points\":[{\"pinId\":\"p1\"},{\"lat\":3,\"lng\":4}]}}");
        now.addAndGet(61_000);
        assertEquals(0, registry.evictIdle(), "a room with members stays");
        a.leave();
        now.addAndGet(61_000);
        assertEquals(0, registry.evictIdle(), "not stored yet: stays");
        store.commit();
        assertEquals(1, registry.evictIdle());
        assertTrue(registry.find("r").isEmpty());
        Client back = new Client("r", 2);
        back.leave(); // the version moves on with a join and a leave, nothing else
        now.addAndGet(61_000);
        assertEquals(0, registry.evictIdle(), "the version moved on without a stored change: that is written first");
        store.commit();
        long version = registry.find("r").orElseThrow().version();
        assertEquals(1, registry.evictIdle());
        assertTrue(registry.find("r").isEmpty());

        int loads = store.loads;
        Client b = new Client("r", 2);
        assertEquals(loads + 1, store.loads);
        JsonObject snapshot = b.received().get(0);
        assertEquals("snapshot", snapshot.getString("type"));
        assertEquals(version + 1, snapshot.getJsonNumber("version").longValue(), "the join is the next change");
        assertEquals("Cafe", snapshot.getJsonArray("pins").getJsonObject(0).getString("label"));
        assertEquals(1, snapshot.getJsonArray("routes").size());
        b.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}}}");
        store.commit();
        assertEquals("p2", b.received().get(0).getJsonObject("pin").getString("id"), "ids go on where they were");
    }

    @Test
    void aStoppingServerStoresVersionsThatMovedOnWithoutAStoredChange() {
        Client a = new Client("r", 2);
        a.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}}}");
        store.commit();
        new Client("r", 2).leave();
        a.leave();
        long version = registry.find("r").orElseThrow().version();
        assertTrue(store.rooms.get("r").version() < version, "joins and leaves are not stored changes");

        assertEquals(1, registry.storeVersions());
        store.commit();

        assertEquals(version, store.rooms.get("r").version(), "the room comes back with the version clients last saw");
        assertEquals(1, store.rooms.get("r").pins().size());
        assertEquals(0, registry.storeVersions(), "nothing more to write");
    }

    @Test
    void aRoomWithMembersOrNotIdleLongEnoughStays() {
        Client a = new Client("r", 2);
        a.send("{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":2}}");
        store.commit();
        now.addAndGet(3_600_000);
        assertEquals(0, registry.evictIdle());
        a.leave();
        store.commit();
        now.addAndGet(59_000);
        assertEquals(0, registry.evictIdle());
    }

    @Test
    void restoreIsOneChangeEveryoneSeesAlike() {
        Client a = new Client("r", 2);
        Client b = new Client("r", 2);
        Client demo = new Client("r", 1);
        a.send("{\"type\":\"hello\",\"name\":\"Ada\"}");
        a.send("{\"type\":\"setPin\",\"location\":{\"lat\":1,\"lng\":2}}");
        a.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":3,\"lng\":4},\"label\":\"Kept\"}}");
        a.send("{\"type\":\"saveSession\",\"ref\":\"s\",\"name\":\"  Plan A \"}");
        store.commit();
        a.received();
        b.received();
        demo.received();
        SessionInfo saved = store.sessions("r").get(0);
        assertEquals("Plan A", saved.name());
        assertEquals("Ada", saved.author());
        assertEquals(2, saved.pins());

        a.send("{\"type\":\"setPin\",\"location\":{\"lat\":9,\"lng\":9}}");
        a.send("{\"type\":\"removePin\",\"id\":\"p1\"}");
        a.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":5,\"lng\":5}}}");
        store.commit();
        a.received();
        b.received();
        demo.received();

        b.send("{\"type\":\"restoreSession\",\"ref\":\"back\",\"sessionId\":\"" + saved.id() + "\"}");
        store.commit();
        JsonObject atA = a.received().get(0);
        List<JsonObject> atB = b.received();
        assertEquals("roomRestored", atA.getString("type"));
        assertEquals("back", atB.get(0).getString("ref"));
        assertEquals(atA.getJsonArray("pins"), atB.get(0).getJsonArray("pins"));
        assertEquals(atA.getJsonNumber("version"), atB.get(0).getJsonNumber("version"));
        assertEquals(List.of("legacy", "p1"), atA.getJsonArray("pins").stream()
                .map(p -> p.asJsonObject().getString("id")).toList());
        assertEquals(List.of("pinUpdate"), demo.types(), "the demo's pin moved back");
        Room room = registry.find("r").orElseThrow();
        assertEquals(List.of("legacy", "p1"), room.pins().stream().map(Pin::id).toList());
        assertEquals(List.of("legacy", "p1"), store.rooms.get("r").pins().stream().map(Pin::id).toList());
        a.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":5,\"lng\":5}}}");
        store.commit();
        assertEquals("p3", a.received().get(0).getJsonObject("pin").getString("id"), "no id is given twice");
    }

    @Test
    void sessionsAreListedAndDeletedAndTheAuthorIsAnonymousWithoutAName() {
        Client a = new Client("r", 2);
        Client b = new Client("r", 2);
        a.send("{\"type\":\"saveSession\",\"name\":\"One\"}");
        b.received();
        JsonObject saved = a.received().stream().filter(o -> o.getString("type").equals("sessionSaved")).findFirst()
                .orElseThrow().getJsonObject("session");
        assertEquals(SessionInfo.ANONYMOUS, saved.getString("author"));
        a.send("{\"type\":\"listSessions\",\"ref\":\"l\"}");
        JsonObject list = a.received().get(0);
        assertEquals("sessions", list.getString("type"));
        assertEquals(1, list.getJsonArray("sessions").size());
        a.send("{\"type\":\"deleteSession\",\"sessionId\":\"" + saved.getString("id") + "\"}");
        assertEquals(List.of("sessionDeleted"), b.types());
        a.received();
        a.send("{\"type\":\"deleteSession\",\"sessionId\":\"" + saved.getString("id") + "\"}");
        assertEquals("not_found", a.received().get(0).getString("code"));
        a.send("{\"type\":\"restoreSession\",\"sessionId\":\"nope\"}");
        assertEquals("not_found", a.received().get(0).getString("code"));
        a.send("{\"type\":\"saveSession\",\"name\":\"   \"}");
        assertEquals("invalid_session", a.received().get(0).getString("code"));
        assertEquals(List.of(), b.types(), "nothing of the refusals reaches others");
    }

    @Test
    void anImportIsOneChangeWithLinkedRoutes() {
        Client a = new Client("r", 2);
        Client b = new Client("r", 2);
        a.received();
        b.received();
        Room room = registry.find("r").orElseThrow();
        long before = room.version();
        room.addAll(List.of(new PinEdit(new Location(1, 2), null, "One", Optional.empty(), Optional.empty(),
                Optional.empty()), new PinEdit(new Location(3, 4), "#00897b", "Two", Optional.empty(), Optional.empty(),
                Optional.empty())), ids -> List.of(new RouteEdit(List.of(RoutePoint.pin(ids.get(0)), RoutePoint.pin(ids.get(1)),
                RoutePoint.at(new Location(5, 6))), null, "Tour")), "Importer");
        CompletableFuture<Void> stored = room.stored(before + 1);
        assertFalse(stored.isDone());
        store.commit();
        assertTrue(stored.isDone());
        List<JsonObject> atA = a.received();
        assertEquals(1, atA.size());
        assertEquals(atA, b.received());
        JsonObject change = atA.get(0);
        assertEquals("featuresImported", change.getString("type"));
        assertEquals(before + 1, change.getJsonNumber("version").longValue());
        assertEquals("p1", change.getJsonArray("routes").getJsonObject(0).getJsonArray("points").getJsonObject(0)
                .getString("pinId"));
        assertEquals(2, store.rooms.get("r").pins().size());
    }

    @Test
    void anImportWithNothingInItIsNoChange() {
        Client a = new Client("r", 2);
        a.received();
        Room room = registry.find("r").orElseThrow();
        long before = room.version();
        FeaturesImported nothing = room.addAll(List.of(), ids -> List.of(), "Importer");
        assertEquals(before, nothing.version());
        assertEquals(List.of(), nothing.pins());
        assertEquals(before, room.version());
        assertTrue(room.stored(nothing.version()).isDone(), "an HTTP import waits for this: it must not wait for ever");
        store.commit();
        assertEquals(List.of(), a.received(), "nothing was sent");
    }

    @Test
    void waitingForAVersionThatOnlyAJoinTookWaitsForTheChangeBeforeIt() {
        Client a = new Client("r", 2);
        a.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}}}");
        Room room = registry.find("r").orElseThrow();
        new Client("r", 2); // a participantJoined: a version of its own, never written
        CompletableFuture<Void> stored = room.stored(room.version());
        assertFalse(stored.isDone(), "the pin is not stored yet");
        store.commit();
        assertTrue(stored.isDone());
        new Client("r", 2);
        assertTrue(room.stored(room.version()).isDone(), "nothing is left to store");
    }
}
