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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rooms and saved sessions in a relational database through Jakarta Persistence (the schema is Flyway's, see
 * {@link Database}). Each call is one transaction on its own entity manager; {@link #write} takes the changes of many
 * rooms at once, which is how the {@link WriteBehind} groups commits.
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

    private final EntityManagerFactory factory;

    public JpaRoomStore(EntityManagerFactory factory) {
        this.factory = factory;
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
            for (PinRow pin : em.createQuery("select p from PinRow p where p.roomId = :room", PinRow.class)
                    .setParameter("room", roomId).getResultList()) {
                pins.add(MessageCodec.decodeValue(pin.body, Pin.class));
            }
            List<Route> routes = new ArrayList<>();
            for (RouteRow route : em.createQuery("select r from RouteRow r where r.roomId = :room", RouteRow.class)
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
