package dev.waypoint.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.RoutePoint;
import dev.waypoint.message.SessionInfo;
import dev.waypoint.room.RoomWrite;
import dev.waypoint.room.SavedSession;
import dev.waypoint.room.StoredRoom;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JPA store on the embedded H2 database, as the server runs it by default. */
class JpaRoomStoreTest {

    @TempDir
    Path dataDir;

    Database database;
    JpaRoomStore store;

    /** Where this test's database is; PostgreSQL's subclass overrides it. */
    Database.Location location() {
        return Database.Location.embedded(dataDir);
    }

    /** How this test's store writes; the subclass for the entity path overrides it. */
    JpaRoomStore newStore(Database database) {
        return new JpaRoomStore(database.factory());
    }

    /** The upserts the store should pick for this test's database. */
    JpaRoomStore.Upserts expectedUpserts() {
        return JpaRoomStore.Upserts.H2;
    }

    @BeforeEach
    void open() {
        database = Database.open(location());
        store = newStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    static Pin pin(String id, double lat, double lng, long version) {
        return new Pin(id, new Location(lat, lng), "#e53935", "Pin " + id, "about " + id, "star",
                new Metadata(Map.of("kind", "cafe", "stars", new java.math.BigDecimal("4.5"), "open", true)), "Ada", T0.plusSeconds(id.length() * 10L + id.hashCode() % 7), version);
    }

    @Test
    void aRoomThatWasNeverWrittenIsNotThere() {
        assertTrue(store.load("nowhere").isEmpty());
    }

    @Test
    void writesAreLoadedBackAsTheyWere() {
        Pin a = pin("p1", 52.5, 13.4, 3);
        Pin legacy = pin(Pin.LEGACY_ID, 48.85, 2.35, 4);
        Route r = new Route("r1", List.of(RoutePoint.pin("p1"), RoutePoint.at(new Location(50, 10))), "#3949ab",
                "Walk", "Ada", T0, 5);
        store.write(List.of(new RoomWrite("room-1", 5, 1, 1, false, List.of(a, legacy), Set.of(), List.of(r), Set.of())));

        StoredRoom loaded = store.load("room-1").orElseThrow();
        assertEquals(5, loaded.version());
        assertEquals(1, loaded.pinSequence());
        assertEquals(1, loaded.routeSequence());
        assertEquals(Set.of(a, legacy), Set.copyOf(loaded.pins()));
        assertEquals(List.of(r), loaded.routes());
    }

    @Test
    void laterWritesPatchAndRemove() {
        Pin a = pin("p1", 1, 1, 1);
        Pin b = pin("p2", 2, 2, 2);
        store.write(List.of(new RoomWrite("room", 2, 2, 0, false, List.of(a, b), Set.of(), List.of(), Set.of())));
        Pin moved = new Pin("p1", new Location(3, 3), a.color(), a.label(), a.description(), a.symbol(), a.metadata(),
                a.createdBy(), a.createdAt(), 3);
        store.write(List.of(new RoomWrite("room", 4, 2, 0, false, List.of(moved), Set.of("p2"), List.of(), Set.of())));

        StoredRoom loaded = store.load("room").orElseThrow();
        assertEquals(4, loaded.version());
        assertEquals(List.of(moved), loaded.pins());
    }

    @Test
    void aReplacingWriteLeavesOnlyItsItems() {
        store.write(List.of(new RoomWrite("room", 2, 2, 0, false, List.of(pin("p1", 1, 1, 1), pin("p2", 2, 2, 2)),
                Set.of(), List.of(), Set.of())));
        Pin c = pin("p1", 5, 5, 3);
        store.write(List.of(new RoomWrite("room", 3, 2, 0, true, List.of(c), Set.of(), List.of(), Set.of())));
        assertEquals(List.of(c), store.load("room").orElseThrow().pins());
    }

    @Test
    void manyRoomsInOneWrite() {
        store.write(List.of(
                new RoomWrite("a", 1, 1, 0, false, List.of(pin("p1", 1, 1, 1)), Set.of(), List.of(), Set.of()),
                new RoomWrite("b", 7, 1, 0, false, List.of(pin("p1", 2, 2, 7)), Set.of(), List.of(), Set.of())));
        assertEquals(1, store.load("a").orElseThrow().version());
        assertEquals(2, store.load("b").orElseThrow().pins().get(0).location().lat());
    }

    @Test
    void writesOutliveTheDatabase() {
        store.write(List.of(new RoomWrite("kept", 9, 1, 0, false, List.of(pin("p1", 1, 1, 9)), Set.of(), List.of(),
                Set.of())));
        database.close();
        database = Database.open(location());
        store = newStore(database);
        assertEquals(9, store.load("kept").orElseThrow().version());
    }

    @Test
    void writesWithTheNativeUpsertsOfItsDatabase() {
        assertEquals(expectedUpserts(), store.upserts());
    }

    @Test
    void routesArePatchedRemovedAndReplacedLikePins() {
        Route r1 = new Route("r1", List.of(RoutePoint.at(new Location(1, 1)), RoutePoint.at(new Location(2, 2))),
                "#3949ab", "One", "Ada", T0, 1);
        Route r2 = new Route("r2", List.of(RoutePoint.at(new Location(3, 3)), RoutePoint.at(new Location(4, 4))),
                "#3949ab", "Two", "Ada", T0.plusSeconds(1), 2);
        store.write(List.of(new RoomWrite("room", 2, 0, 2, false, List.of(), Set.of(), List.of(r1, r2), Set.of())));
        Route r1b = new Route("r1", r1.points(), "#e53935", "One again", "Ada", T0, 3);
        store.write(List.of(new RoomWrite("room", 4, 0, 2, false, List.of(), Set.of(), List.of(r1b), Set.of("r2"))));
        assertEquals(List.of(r1b), store.load("room").orElseThrow().routes());

        Route r3 = new Route("r3", r2.points(), "#3949ab", "Three", "Bob", T0.plusSeconds(2), 5);
        store.write(List.of(new RoomWrite("room", 5, 0, 3, true, List.of(pin("p1", 1, 1, 5)), Set.of(), List.of(r3),
                Set.of())));
        StoredRoom loaded = store.load("room").orElseThrow();
        assertEquals(List.of(r3), loaded.routes());
        assertEquals(3, loaded.routeSequence());
        assertEquals(1, loaded.pins().size());
    }

    @Test
    void aWriteThatFailsForOneRoomStoresNothingOfAny() {
        store.write(List.of(new RoomWrite("a", 1, 1, 0, false, List.of(pin("p1", 1, 1, 1)), Set.of(), List.of(),
                Set.of())));
        String tooLong = "p".repeat(65); // wp_pin.pin_id is VARCHAR(64): the database refuses this row
        List<RoomWrite> group = List.of(
                new RoomWrite("a", 2, 1, 0, false, List.of(pin("p1", 9, 9, 2)), Set.of(), List.of(), Set.of()),
                new RoomWrite("b", 1, 1, 0, false, List.of(pin(tooLong, 1, 1, 1)), Set.of(), List.of(), Set.of()));
        assertThrows(RuntimeException.class, () -> store.write(group));

        StoredRoom a = store.load("a").orElseThrow();
        assertEquals(1, a.version(), "room a's part of the failed group is not stored");
        assertEquals(1, a.pins().get(0).location().lat());
        assertTrue(store.load("b").isEmpty());
        store.write(List.of(group.get(0)));
        assertEquals(2, store.load("a").orElseThrow().version(), "the next write works");
    }

    @Test
    void sessionsAreSavedListedRestoredAndDeletedPerRoom() {
        Pin a = pin("p1", 1, 1, 1);
        Route r = new Route("r1", List.of(RoutePoint.pin("p1"), RoutePoint.at(new Location(2, 2))), "#3949ab", "R",
                "Ada", T0, 2);
        SessionInfo first = store.saveSession("room", "Morning", "Ada", T0, 2, List.of(a), List.of(r));
        SessionInfo second = store.saveSession("room", "Evening", "anonymous", T0.plusSeconds(60), 5, List.of(),
                List.of());
        store.saveSession("other", "Elsewhere", "Bob", T0, 1, List.of(), List.of());

        assertEquals(List.of(second, first), store.sessions("room"));
        assertEquals(new SessionInfo(first.id(), "Morning", "Ada", T0, 2, 1, 1), first);
        SavedSession saved = store.session("room", first.id()).orElseThrow();
        assertEquals(List.of(a), saved.pins());
        assertEquals(List.of(r), saved.routes());
        assertTrue(store.session("other", first.id()).isEmpty(), "a session belongs to its room");
        assertFalse(store.deleteSession("other", first.id()));
        assertTrue(store.deleteSession("room", first.id()));
        assertEquals(List.of(second), store.sessions("room"));
    }
}
