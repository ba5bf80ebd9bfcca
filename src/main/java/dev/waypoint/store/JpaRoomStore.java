package dev.waypoint.store;

import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.SessionInfo;
import dev.waypoint.room.RoomStore;
import dev.waypoint.room.RoomWrite;
import dev.waypoint.room.SavedSession;
import dev.waypoint.room.StoredRoom;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rooms and saved sessions in a relational database through Jakarta Persistence (the schema is Flyway's, see
 * {@link Database}). Each call is one transaction on its own entity manager; {@link #write} takes the changes of many
 * rooms at once, which is how the {@link dev.waypoint.room.WriteBehind} groups commits. {@link #write} is the hot path
 * (every change of pins passes through it before clients see it): on H2 and PostgreSQL it sends native upserts in JDBC
 * batches on the transaction's connection; on any other database it goes through entities.
 */
public final class JpaRoomStore implements RoomStore {

    /** The pins and routes of a saved session, as stored in its body. */
    public record Items(List<Pin> pins, List<Route> routes) {
    }

    // Pins and routes come back in the order they were created (ids break ties: p9 before p10).
    private static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());
    private static final Comparator<Pin> PIN_ORDER = Comparator.comparing(Pin::createdAt)
            .thenComparing(Pin::id, ID_ORDER);
    private static final Comparator<Route> ROUTE_ORDER = Comparator.comparing(Route::createdAt)
            .thenComparing(Route::id, ID_ORDER);

    /**
     * The native upserts of the databases Waypoint ships drivers for (H2's {@code MERGE .. KEY}, PostgreSQL's
     * {@code INSERT .. ON CONFLICT}); {@link #NONE} writes through entities instead, for any other database.
     * Parameters: room (id, version, pin_sequence, route_sequence, updated_at); pin (room_id, pin_id, lat, lng,
     * version, body); route (room_id, route_id, version, body).
     */
    enum Upserts {
        H2("MERGE INTO wp_room (id, version, pin_sequence, route_sequence, updated_at) KEY (id) VALUES (?, ?, ?, ?, ?)",
                "MERGE INTO wp_pin (room_id, pin_id, lat, lng, version, body) KEY (room_id, pin_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                "MERGE INTO wp_route (room_id, route_id, version, body) KEY (room_id, route_id) VALUES (?, ?, ?, ?)"),
        POSTGRESQL("INSERT INTO wp_room (id, version, pin_sequence, route_sequence, updated_at) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, pin_sequence = EXCLUDED.pin_sequence,"
                + " route_sequence = EXCLUDED.route_sequence, updated_at = EXCLUDED.updated_at",
                "INSERT INTO wp_pin (room_id, pin_id, lat, lng, version, body) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (room_id, pin_id) DO UPDATE SET lat = EXCLUDED.lat, lng = EXCLUDED.lng,"
                        + " version = EXCLUDED.version, body = EXCLUDED.body",
                "INSERT INTO wp_route (room_id, route_id, version, body) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (room_id, route_id) DO UPDATE SET version = EXCLUDED.version,"
                        + " body = EXCLUDED.body"),
        NONE(null, null, null);

        final String room;
        final String pin;
        final String route;

        Upserts(String room, String pin, String route) {
            this.room = room;
            this.pin = pin;
            this.route = route;
        }

        /** From the JDBC driver's product name. */
        static Upserts of(String databaseProductName) {
            return switch (String.valueOf(databaseProductName)) {
                case "H2" -> H2;
                case "PostgreSQL" -> POSTGRESQL;
                default -> NONE;
            };
        }
    }

    private static final Logger LOG = Logger.getLogger(JpaRoomStore.class.getName());
    private static final String PINS_OF_ROOM = "select p from PinRow p where p.roomId = :room";
    private static final String ROUTES_OF_ROOM = "select r from RouteRow r where r.roomId = :room";

    private final EntityManagerFactory factory;
    private final Upserts upserts;

    /**
     * A store that writes with the native upserts of its database where it knows them. Before it returns (that is,
     * before the server is ready) it warms its paths up once, see {@link #warmUp()}.
     */
    public JpaRoomStore(EntityManagerFactory factory) {
        this.factory = factory;
        this.upserts = inTransaction(em -> {
            try {
                return Upserts.of(em.unwrap(Connection.class).getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new PersistenceException("Could not read the database's product name: " + e.getMessage(), e);
            }
        });
        warmUp();
    }

    /** A store that writes through entities whatever the database (for tests of that path). */
    JpaRoomStore(EntityManagerFactory factory, Upserts upserts) {
        this.factory = factory;
        this.upserts = upserts;
    }

    /**
     * Runs the store's read and write paths once, at start: the queries of {@link #load} for a fresh random room id,
     * and one {@link #write} of that room (a pin and a route saved, a pin removed) in a transaction that is
     * <b>rolled back</b>, so nothing is stored. Measured without it (JFR, a fresh server under the benchmark's
     * fanout): the first commit took 1.2 s, most of it the provider loading its JPQL parser's classes, and every
     * change made meanwhile waited for it. It makes the first commit cheaper, not the server faster: the JIT still
     * compiles the write path under the first real load.
     */
    private void warmUp() {
        String room = "waypoint.warm-up/" + UUID.randomUUID(); // a fresh id: no row of a real room is touched
        long started = System.nanoTime();
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            em.find(RoomRow.class, room);
            em.createQuery(PINS_OF_ROOM, PinRow.class).setParameter("room", room).getResultList();
            em.createQuery(ROUTES_OF_ROOM, RouteRow.class).setParameter("room", room).getResultList();
            Pin pin = new Pin("p1", new dev.waypoint.message.Location(0, 0), "#e53935", "warm-up", null, null, null,
                    "warm-up", Instant.EPOCH, 1);
            Route route = new Route("r1", List.of(dev.waypoint.message.RoutePoint.pin("p1"),
                    dev.waypoint.message.RoutePoint.at(new dev.waypoint.message.Location(1, 1))), "#3949ab", "warm-up",
                    "warm-up", Instant.EPOCH, 2);
            RoomWrite write = new RoomWrite(room, 2, 1, 1, false, List.of(pin), java.util.Set.of("p0"),
                    List.of(route), java.util.Set.of());
            if (upserts != Upserts.NONE) {
                writeWithUpserts(em.unwrap(Connection.class), List.of(write), System.currentTimeMillis());
            }
        } catch (RuntimeException | SQLException e) {
            LOG.log(Level.WARNING, "The store's warm-up failed (the server starts anyway): " + e.getMessage(), e);
        } finally {
            if (tx.isActive()) {
                tx.rollback(); // the warm-up stores nothing
            }
            em.close();
        }
        LOG.fine(() -> "Store warmed up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** How {@link #write} writes: with which native upserts, or NONE (through entities). */
    Upserts upserts() {
        return upserts;
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    @Override
    public Optional<StoredRoom> load(String roomId) {
        return inTransaction(em -> {
            RoomRow row = em.find(RoomRow.class, roomId);
            if (row == null) {
                return Optional.empty();
            }
            List<Pin> pins = new ArrayList<>();
            for (PinRow pin : em.createQuery(PINS_OF_ROOM, PinRow.class)
                    .setParameter("room", roomId).getResultList()) {
                pins.add(MessageCodec.decodeValue(pin.body, Pin.class));
            }
            List<Route> routes = new ArrayList<>();
            for (RouteRow route : em.createQuery(ROUTES_OF_ROOM, RouteRow.class)
                    .setParameter("room", roomId).getResultList()) {
                routes.add(MessageCodec.decodeValue(route.body, Route.class));
            }
            pins.sort(PIN_ORDER);
            routes.sort(ROUTE_ORDER);
            return Optional.of(new StoredRoom(roomId, row.version, row.pinSequence, row.routeSequence, pins, routes));
        });
    }

    @Override
    public void write(List<RoomWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (upserts == Upserts.NONE) {
            writeWithEntities(writes, now);
            return;
        }
        inTransaction(em -> {
            try {
                writeWithUpserts(em.unwrap(Connection.class), writes, now);
            } catch (SQLException e) {
                throw new PersistenceException("Could not store the changes of " + writes.size() + " room(s): "
                        + e.getMessage(), e);
            }
            return null;
        });
    }

    /**
     * The hot path of the writer: a few JDBC batches of native upserts on the transaction's own connection (so the
     * commit, rollback and pool are the persistence unit's), instead of reading every row into entities, comparing
     * them and updating them. Per commit that is one statement per kind of row, whatever the number of rooms: rooms,
     * then the removals, then pins and routes (a pin row refers to its room row).
     */
    private void writeWithUpserts(Connection connection, List<RoomWrite> writes, long now) throws SQLException {
        try (PreparedStatement rooms = connection.prepareStatement(upserts.room)) {
            for (RoomWrite write : writes) {
                rooms.setString(1, write.roomId());
                rooms.setLong(2, write.version());
                rooms.setLong(3, write.pinSequence());
                rooms.setLong(4, write.routeSequence());
                rooms.setLong(5, now);
                rooms.addBatch();
            }
            rooms.executeBatch();
        }
        deleteItems(connection, "wp_pin", "pin_id", writes, RoomWrite::removedPins);
        deleteItems(connection, "wp_route", "route_id", writes, RoomWrite::removedRoutes);
        if (writes.stream().anyMatch(w -> !w.savedPins().isEmpty())) {
            try (PreparedStatement pins = connection.prepareStatement(upserts.pin)) {
                for (RoomWrite write : writes) {
                    for (Pin pin : write.savedPins()) {
                        pins.setString(1, write.roomId());
                        pins.setString(2, pin.id());
                        pins.setDouble(3, pin.location().lat());
                        pins.setDouble(4, pin.location().lng());
                        pins.setLong(5, pin.version());
                        pins.setString(6, MessageCodec.encodeValue(pin));
                        pins.addBatch();
                    }
                }
                pins.executeBatch();
            }
        }
        if (writes.stream().anyMatch(w -> !w.savedRoutes().isEmpty())) {
            try (PreparedStatement routes = connection.prepareStatement(upserts.route)) {
                for (RoomWrite write : writes) {
                    for (Route route : write.savedRoutes()) {
                        routes.setString(1, write.roomId());
                        routes.setString(2, route.id());
                        routes.setLong(3, route.version());
                        routes.setString(4, MessageCodec.encodeValue(route));
                        routes.addBatch();
                    }
                }
                routes.executeBatch();
            }
        }
    }

    // A replacing write removes all of the room's rows of this kind; any other write the ones it names.
    private static void deleteItems(Connection connection, String table, String idColumn, List<RoomWrite> writes,
                                    Function<RoomWrite, java.util.Set<String>> removed) throws SQLException {
        if (writes.stream().anyMatch(RoomWrite::replace)) {
            try (PreparedStatement all = connection.prepareStatement("DELETE FROM " + table + " WHERE room_id = ?")) {
                for (RoomWrite write : writes) {
                    if (write.replace()) {
                        all.setString(1, write.roomId());
                        all.addBatch();
                    }
                }
                all.executeBatch();
            }
        }
        if (writes.stream().anyMatch(w -> !w.replace() && !removed.apply(w).isEmpty())) {
            try (PreparedStatement some = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE room_id = ? AND " + idColumn + " = ?")) {
                for (RoomWrite write : writes) {
                    if (!write.replace()) {
                        for (String id : removed.apply(write)) {
                            some.setString(1, write.roomId());
                            some.setString(2, id);
                            some.addBatch();
                        }
                    }
                }
                some.executeBatch();
            }
        }
    }

    // Through entities: for a database whose upsert statement this store does not know.
    private void writeWithEntities(List<RoomWrite> writes, long now) {
        inTransaction(em -> {
            // One query per kind of row for the whole group (not one per room or per pin), then updates of the rows
            // found and inserts of the others, which the provider sends as JDBC batches.
            List<String> roomIds = writes.stream().map(RoomWrite::roomId).distinct().toList();
            Map<String, RoomRow> rooms = new HashMap<>();
            em.createQuery("select r from RoomRow r where r.id in :ids", RoomRow.class).setParameter("ids", roomIds)
                    .getResultList().forEach(row -> rooms.put(row.id, row));
            for (RoomWrite write : writes) {
                RoomRow room = rooms.get(write.roomId());
                if (room == null) {
                    room = new RoomRow();
                    room.id = write.roomId();
                    em.persist(room);
                    rooms.put(room.id, room);
                }
                room.version = write.version();
                room.pinSequence = write.pinSequence();
                room.routeSequence = write.routeSequence();
                room.updatedAt = now;
                if (write.replace()) {
                    deleteAll(em, "PinRow", write.roomId(), null);
                    deleteAll(em, "RouteRow", write.roomId(), null);
                } else {
                    deleteAll(em, "PinRow", write.roomId(), write.removedPins());
                    deleteAll(em, "RouteRow", write.roomId(), write.removedRoutes());
                }
            }
            Map<ItemKey, PinRow> pins = existing(em, "PinRow", PinRow.class, writes.stream()
                    .flatMap(w -> w.savedPins().stream().map(pin -> new ItemKey(w.roomId(), pin.id()))).toList(),
                    row -> new ItemKey(row.roomId, row.itemId));
            for (RoomWrite write : writes) {
                for (Pin pin : write.savedPins()) {
                    PinRow row = pins.get(new ItemKey(write.roomId(), pin.id()));
                    if (row == null) {
                        row = new PinRow();
                        row.roomId = write.roomId();
                        row.itemId = pin.id();
                        em.persist(row);
                    }
                    row.lat = pin.location().lat();
                    row.lng = pin.location().lng();
                    row.version = pin.version();
                    row.body = MessageCodec.encodeValue(pin);
                }
            }
            Map<ItemKey, RouteRow> routes = existing(em, "RouteRow", RouteRow.class, writes.stream()
                    .flatMap(w -> w.savedRoutes().stream().map(route -> new ItemKey(w.roomId(), route.id()))).toList(),
                    row -> new ItemKey(row.roomId, row.itemId));
            for (RoomWrite write : writes) {
                for (Route route : write.savedRoutes()) {
                    RouteRow row = routes.get(new ItemKey(write.roomId(), route.id()));
                    if (row == null) {
                        row = new RouteRow();
                        row.roomId = write.roomId();
                        row.itemId = route.id();
                        em.persist(row);
                    }
                    row.version = route.version();
                    row.body = MessageCodec.encodeValue(route);
                }
            }
            return null;
        });
    }

    // The rows of these keys that exist (after this transaction's deletes, which ran as statements already).
    private static <T> Map<ItemKey, T> existing(EntityManager em, String entity, Class<T> type, List<ItemKey> keys,
                                                Function<T, ItemKey> keyOf) {
        Map<ItemKey, T> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<String> roomIds = keys.stream().map(k -> k.roomId).distinct().toList();
        List<String> itemIds = keys.stream().map(k -> k.itemId).distinct().toList();
        for (T row : em.createQuery("select x from " + entity + " x where x.roomId in :rooms and x.itemId in :items",
                type).setParameter("rooms", roomIds).setParameter("items", itemIds).getResultList()) {
            found.put(keyOf.apply(row), row);
        }
        return found;
    }

    private static void deleteAll(EntityManager em, String entity, String roomId, java.util.Set<String> ids) {
        if (ids == null) {
            em.createQuery("delete from " + entity + " x where x.roomId = :room").setParameter("room", roomId)
                    .executeUpdate();
        } else if (!ids.isEmpty()) {
            em.createQuery("delete from " + entity + " x where x.roomId = :room and x.itemId in :ids")
                    .setParameter("room", roomId).setParameter("ids", List.copyOf(ids)).executeUpdate();
        }
    }

    @Override
    public SessionInfo saveSession(String roomId, String name, String author, Instant savedAt, long roomVersion,
                                   List<Pin> pins, List<Route> routes) {
        SessionRow row = new SessionRow();
        row.id = UUID.randomUUID().toString();
        row.roomId = roomId;
        row.name = name;
        row.author = author;
        row.savedAt = savedAt.toEpochMilli();
        row.roomVersion = roomVersion;
        row.pinCount = pins.size();
        row.routeCount = routes.size();
        row.body = MessageCodec.encodeValue(new Items(pins, routes));
        inTransaction(em -> {
            em.persist(row);
            return null;
        });
        return info(row);
    }

    @Override
    public List<SessionInfo> sessions(String roomId) {
        return inTransaction(em -> em.createQuery(
                        "select s from SessionRow s where s.roomId = :room order by s.savedAt desc, s.id desc",
                        SessionRow.class)
                .setParameter("room", roomId).getResultList().stream().map(JpaRoomStore::info).toList());
    }

    @Override
    public Optional<SavedSession> session(String roomId, String sessionId) {
        return inTransaction(em -> {
            SessionRow row = em.find(SessionRow.class, sessionId);
            if (row == null || !row.roomId.equals(roomId)) {
                return Optional.empty();
            }
            Items items = MessageCodec.decodeValue(row.body, Items.class);
            return Optional.of(new SavedSession(info(row), items.pins(), items.routes()));
        });
    }

    @Override
    public boolean deleteSession(String roomId, String sessionId) {
        return inTransaction(em -> em.createQuery("delete from SessionRow s where s.id = :id and s.roomId = :room")
                .setParameter("id", sessionId).setParameter("room", roomId).executeUpdate() > 0);
    }

    private static SessionInfo info(SessionRow row) {
        return new SessionInfo(row.id, row.name, row.author, Instant.ofEpochMilli(row.savedAt), row.roomVersion,
                row.pinCount, row.routeCount);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }
}
