package dev.waypoint.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.Hello;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.room.Outbox;
import dev.waypoint.room.RoomRegistry;
import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rooms shared by the instances of a cluster on Payara's Hazelcast data grid.
 *
 * <p><b>One owner per room, and so one order.</b> Every room has one owning instance at a time, recorded in the grid
 * map {@value #OWNERS} (room id to member UUID). The room lives in the owner's {@link RoomRegistry} exactly as on a
 * single server, and its lock there orders every change, so every client of the room, on whichever instance, gets
 * one and the same order. Claims are atomic: {@code putIfAbsent} and {@code replace} run on the partition that owns
 * the room's key, so two instances can never both believe they own a room (short of a split brain, see the README).
 * Why not simply "the instance that owns the key's partition": partitions migrate whenever an instance joins, which
 * would move live rooms in mid-conversation; a claim moves only when its holder leaves the cluster, and then to the
 * first instance that needs the room.
 *
 * <p><b>Clients on other instances.</b> A client connected to instance B of a room owned by A is, in A's room, a
 * member like any other whose outbox's transport ({@link Forward}) hands each frame to A's {@link Link} to B, which
 * publishes what gathered to B's inbox topic ({@value #INBOX_PREFIX}{@code <uuid>}) as one message, a change once
 * for all its recipients on B; B hands each frame to the client's real outbox (which bounds a slow client as on a
 * single server). The client's requests travel the other way through A's inbox. A topic delivers the messages of one
 * publisher in the order published, and each instance processes its inbox on one event thread, so a client's
 * requests keep their order, and each client receives its room's frames in the room's order. Only strings cross the
 * grid: Payara's Hazelcast threads cannot load the application's classes, so nothing of ours is deserialized there.
 *
 * <p><b>An instance that leaves</b> (stopped, or killed and found dead by Hazelcast's failure detection): the rooms it
 * owned are claimed by the first instance that needs them, which loads them from the shared store (a database every
 * instance uses, or {@link GridRoomStore}, which keeps rooms in the grid with backups). Because changes are stored
 * before anyone sees them, nothing a client saw is lost. Clients of such rooms on surviving instances are moved at
 * once: they join the room at its new owner and receive its first frames again (the snapshot, or the demo's current
 * pin), as after a reconnect; a display name they had chosen is sent again. Requests that were on their way to the
 * dead instance are lost, as on a dropped connection. Clients of the dead instance itself reconnect (the page does) to
 * another instance.
 */
public final class GridRooms implements Rooms, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GridRooms.class.getName());
    /** The grid map of room owners: room id to the owning member's UUID. */
    static final String OWNERS = "waypoint-room-owners";
    /** Each instance's inbox topic is this followed by its member UUID. */
    static final String INBOX_PREFIX = "waypoint-node-";

    private final HazelcastInstance grid;
    private final RoomRegistry registry;
    private final RoomCalls calls;
    private final Executor background;
    private final int maxLinkBacklog;
    private final String self;
    private final IMap<String, String> owners;
    private final ConcurrentMap<String, Outlet> outlets = new ConcurrentHashMap<>();
    // The number of the last message received from each instance (only the inbox thread touches it).
    private final Map<String, Long> received = new ConcurrentHashMap<>();
    private final AtomicLong connectionIds = new AtomicLong();
    // Clients connected to this instance, by connection id.
    private final ConcurrentMap<Long, Connection> connections = new ConcurrentHashMap<>();
    // Clients of other instances in rooms owned here, by "<their instance's uuid>/<connection id>".
    private final ConcurrentMap<String, RoomRegistry.Membership> guests = new ConcurrentHashMap<>();
    // The batching of frames to each other instance, by its UUID.
    private final ConcurrentMap<String, Link> links = new ConcurrentHashMap<>();
    // Requests over HTTP sent to other instances, waiting for their answers, by call id.
    private final ConcurrentMap<Long, PendingCall> pendingCalls = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final UUID inboxListener;
    private final UUID membershipListener;

    /**
     * @param calls      runs requests over HTTP for rooms owned here
     * @param background runs those requests, and the moves of clients whose room's owner left the cluster (off
     *                   Hazelcast's event threads, which must not wait)
     */
    public GridRooms(HazelcastInstance grid, RoomRegistry registry, RoomCalls calls, Executor background) {
        this(grid, registry, calls, background, MAX_LINK_BACKLOG);
    }

    /** @param maxLinkBacklog {@link #MAX_LINK_BACKLOG}, smaller in tests */
    GridRooms(HazelcastInstance grid, RoomRegistry registry, RoomCalls calls, Executor background, int maxLinkBacklog) {
        this.maxLinkBacklog = maxLinkBacklog;
        this.grid = grid;
        this.registry = registry;
        this.calls = calls;
        this.background = background;
        this.self = grid.getCluster().getLocalMember().getUuid().toString();
        this.owners = grid.getMap(OWNERS);
        this.inboxListener = inbox(self).addMessageListener(this::onMessage);
        this.membershipListener = grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // Nothing moves: rooms stay with their owners.
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String gone = event.getMember().getUuid().toString();
                background.execute(() -> memberLeft(gone));
            }
        });
    }

    /** For callers that must not name Hazelcast's classes: {@code grid} is a {@code HazelcastInstance}. */
    public static GridRooms on(Object grid, RoomRegistry registry, RoomCalls calls, Executor background) {
        return new GridRooms((HazelcastInstance) grid, registry, calls, background);
    }

    @Override
    public RoomConnection connect(String roomId, Outbox outbox, int protocol, String greeting) {
        Connection connection = new Connection(connectionIds.incrementAndGet(), roomId, outbox, protocol, greeting);
        connections.put(connection.id, connection);
        connection.attach(ownerOf(roomId));
        return connection;
    }

    /**
     * Frames for one other instance at most, waiting here or sent and not yet processed there (it acknowledges every
     * {@value #ACKNOWLEDGE_EVERY}th message), before its clients of rooms held here are made to join again: memory stays
     * bounded on both sides when an instance cannot keep up, as a slow client is closed rather than buffered.
     */
    static final int MAX_LINK_BACKLOG = 200_000;
    static final int ACKNOWLEDGE_EVERY = 32;

    /** How long a request over HTTP waits for the room's owner: longer than a restore waits for the store. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(45);

    /** A request over HTTP on its way to the room's owner. */
    public record RoutedCall(String roomId, RoomCall call) {
    }

    private record PendingCall(String owner, CompletableFuture<RoomReply> reply) {
    }

    @Override
    public RoomReply call(String roomId, RoomCall call) {
        String owner = ownerOf(roomId);
        if (owner.equals(self)) {
            return calls.run(registry.room(roomId), call);
        }
        long id = callIds.incrementAndGet();
        PendingCall pending = new PendingCall(owner, new CompletableFuture<>());
        pendingCalls.put(id, pending);
        try {
            post(owner, Wire.call(self, id, MessageCodec.encodeValue(new RoutedCall(roomId, call))));
            return pending.reply().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return unavailable("the instance that holds room \"" + roomId + "\" did not answer: try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        } finally {
            pendingCalls.remove(id);
        }
    }

    static RoomReply unavailable(String message) {
        return new RoomReply(503, "application/json", Json.createObjectBuilder().add("code", "unavailable")
                .add("message", message).build().toString(), Map.of("Retry-After", "1"));
    }

    @Override
    public String describe() {
        return "grid (" + grid.getCluster().getMembers().size() + " members, this one " + self + ")";
    }

    /** This instance's member UUID. */
    public String self() {
        return self;
    }

    /** The instance that owns a room, claiming it for this one if nobody, or only a departed instance, holds it. */
    String ownerOf(String roomId) {
        while (true) {
            String owner = owners.get(roomId);
            if (owner == null) {
                owner = owners.putIfAbsent(roomId, self);
                if (owner == null) {
                    return self;
                }
            }
            if (owner.equals(self) || isMember(owner)) {
                return owner;
            }
            if (owners.replace(roomId, owner, self)) {
                LOG.log(Level.INFO, "room {0}: its owner {1} left the cluster; this instance holds it now",
                        new Object[] {roomId, owner});
                return self;
            }
        }
    }

    private boolean isMember(String uuid) {
        for (Member member : grid.getCluster().getMembers()) {
            if (member.getUuid().toString().equals(uuid)) {
                return true;
            }
        }
        return false;
    }

    private ITopic<String> inbox(String uuid) {
        return grid.getTopic(INBOX_PREFIX + uuid);
    }

    private void post(String uuid, String message) {
        outlets.computeIfAbsent(uuid, Outlet::new).post(message);
    }

    /**
     * What this instance sends one other instance, numbered: a topic drops events when the receiver's event queue is
     * full (Hazelcast logs "EventQueue overloaded"), so the receiver checks that numbers follow each other and, on a
     * gap, brings every client the two instances share back in step ({@link #resync}).
     */
    private final class Outlet {
        private final ITopic<String> topic;
        private long sequence; // guarded by this
        // Frames sent and not yet acknowledged by the recipient: the grid queues what the recipient has not
        // processed, so this is how far behind it is. Guarded by this.
        private final java.util.ArrayDeque<long[]> unacknowledged = new java.util.ArrayDeque<>();
        private long framesInFlight;

        Outlet(String uuid) {
            this.topic = inbox(uuid);
        }

        synchronized void post(String message) {
            topic.publish(self + "\t" + (++sequence) + "\n" + message);
        }

        /** Posts a message of {@code frames} frames and counts them as in flight until acknowledged. */
        synchronized void postFrames(String message, int frames) {
            post(message);
            unacknowledged.add(new long[] {sequence, frames});
            framesInFlight += frames;
        }

        synchronized void acknowledged(long upTo) {
            while (!unacknowledged.isEmpty() && unacknowledged.peekFirst()[0] <= upTo) {
                framesInFlight -= unacknowledged.pollFirst()[1];
            }
        }

        synchronized long framesInFlight() {
            return framesInFlight;
        }

        /** After the recipient was made to rejoin: what is in flight no longer counts against the next bound. */
        synchronized void forgetInFlight() {
            unacknowledged.clear();
            framesInFlight = 0;
        }
    }

    // On this instance's inbox thread: one at a time, in each sender's order.
    private void onMessage(Message<String> envelope) {
        String posted = envelope.getMessageObject();
        int headerEnd = posted.indexOf('\n');
        int tab = posted.indexOf('\t');
        if (headerEnd < 0 || tab < 0 || tab > headerEnd) {
            LOG.warning("grid message without a header: " + abbreviate(posted));
            return;
        }
        String sender = posted.substring(0, tab);
        long number = Long.parseLong(posted.substring(tab + 1, headerEnd));
        long expected = received.getOrDefault(sender, 0L) + 1;
        received.put(sender, number);
        if (number != expected) {
            LOG.log(Level.WARNING, "{0} grid message(s) from instance {1} were lost (its message {2} came after {3});"
                    + " bringing the clients this instance shares with it back in step",
                    new Object[] {number - expected, sender, number, expected - 1});
            background.execute(() -> resync(sender));
        }
        String text = posted.substring(headerEnd + 1);
        try {
            handle(text);
        } finally {
            if (number % ACKNOWLEDGE_EVERY == 0) {
                post(sender, Wire.acknowledge(self, number)); // tells the sender how far this instance has got
            }
        }
    }

    private void handle(String text) {
        try {
            switch (text.charAt(0)) {
                case Wire.ACKNOWLEDGE -> {
                    String[] f = Wire.split(text, 3);
                    Outlet outlet = outlets.get(f[1]);
                    if (outlet != null) {
                        outlet.acknowledged(Long.parseLong(f[2]));
                    }
                }
                case Wire.FRAME -> Wire.readFrames(text, (from, connection, frame) -> {
                    Connection client = connections.get(connection);
                    if (client != null && from.equals(client.owner)) {
                        client.outbox.offer(frame);
                    }
                }, this::flush);
                case Wire.JOIN -> {
                    String[] f = Wire.split(text, 6);
                    if (!isMember(f[1])) {
                        return; // its instance has left already: nobody would read the frames
                    }
                    Outbox forward = new Outbox(new Forward(f[1], Long.parseLong(f[2])), Integer.MAX_VALUE,
                            Long.MAX_VALUE);
                    RoomRegistry.Membership replaced = guests.put(f[1] + "/" + f[2],
                            registry.join(f[5], forward, Integer.parseInt(f[3]), f[4].isEmpty() ? null : f[4]));
                    if (replaced != null) {
                        replaced.member().outbox().close();
                        registry.leave(replaced); // joined again without leaving (after lost messages): no ghost
                    }
                }
                case Wire.MESSAGE -> {
                    String[] f = Wire.split(text, 4);
                    RoomRegistry.Membership guest = guests.get(f[1] + "/" + f[2]);
                    if (guest != null) {
                        guest.room().receive(guest.member(), MessageCodec.decode(f[3]));
                    }
                }
                case Wire.CALL -> {
                    String[] f = Wire.split(text, 4);
                    RoutedCall routed = MessageCodec.decodeValue(f[3], RoutedCall.class);
                    String roomId = routed.roomId();
                    RoomCall call = routed.call();
                    background.execute(() -> {
                        RoomReply reply;
                        try {
                            reply = calls.run(registry.room(roomId), call);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "a request for room " + roomId + " failed", e);
                            reply = unavailable("the request failed on the instance that holds the room");
                        }
                        post(f[1], Wire.answer(self, Long.parseLong(f[2]), MessageCodec.encodeValue(reply)));
                    });
                }
                case Wire.ANSWER -> {
                    String[] f = Wire.split(text, 4);
                    PendingCall pending = pendingCalls.get(Long.parseLong(f[2]));
                    if (pending != null) {
                        pending.reply().complete(MessageCodec.decodeValue(f[3], RoomReply.class));
                    }
                }
                case Wire.REJOIN -> {
                    String[] f = Wire.split(text, 2);
                    background.execute(() -> rejoinAt(f[1]));
                }
                case Wire.LEAVE -> {
                    String[] f = Wire.split(text, 3);
                    RoomRegistry.Membership guest = guests.remove(f[1] + "/" + f[2]);
                    if (guest != null) {
                        guest.member().outbox().close();
                        registry.leave(guest);
                    }
                }
                default -> LOG.warning("unknown grid message: " + abbreviate(text));
            }
        } catch (InvalidMessageException | IllegalArgumentException | IndexOutOfBoundsException e) {
            LOG.log(Level.WARNING, "could not handle grid message " + abbreviate(text), e);
        }
    }

    private static final int PARALLEL_FLUSH = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final int INLINE_FLUSH = 16;

    /**
     * Starts writing the frames just queued for {@code touched}. A few are written here on the inbox thread; a
     * change for many clients is written by several threads, as on a single server, where each room's writer writes
     * its own room's frames, rather than all of this instance's clients by the one inbox thread.
     */
    private void flush(java.util.Set<Long> touched) {
        List<Outbox> outboxes = new ArrayList<>(touched.size());
        for (Long id : touched) {
            Connection client = connections.get(id);
            if (client != null) {
                outboxes.add(client.outbox);
            }
        }
        if (outboxes.size() <= INLINE_FLUSH) {
            outboxes.forEach(Outbox::flush);
            return;
        }
        int chunk = (outboxes.size() + PARALLEL_FLUSH - 1) / PARALLEL_FLUSH;
        for (int from = chunk; from < outboxes.size(); from += chunk) {
            List<Outbox> part = outboxes.subList(from, Math.min(outboxes.size(), from + chunk));
            background.execute(() -> part.forEach(Outbox::flush));
        }
        outboxes.subList(0, Math.min(chunk, outboxes.size())).forEach(Outbox::flush);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /**
     * Messages from {@code other} were lost: which, nobody knows. Its clients' memberships in rooms owned here are
     * dropped and it is asked to join them again; this instance's clients in rooms it owns join again (and receive
     * the room anew, as after a move).
     */
    private void resync(String other) {
        dropGuestsOf(other);
        post(other, Wire.rejoin(self));
        for (Connection connection : connections.values()) {
            if (other.equals(connection.owner)) {
                connection.rejoin();
            }
        }
    }

    // Asked by the room's owner after it lost messages from here: join its rooms again (it dropped our members).
    private void rejoinAt(String owner) {
        for (Connection connection : connections.values()) {
            if (owner.equals(connection.owner)) {
                connection.attach(owner);
            }
        }
    }

    private void dropGuestsOf(String instance) {
        String prefix = instance + "/";
        for (String key : guests.keySet()) {
            RoomRegistry.Membership guest = key.startsWith(prefix) ? guests.remove(key) : null;
            if (guest != null) {
                guest.member().outbox().close(); // frames still queued for it must not follow its replacement
                registry.leave(guest);
            }
        }
    }

    // Off the event threads: an instance left the cluster.
    private void memberLeft(String gone) {
        outlets.remove(gone);
        received.remove(gone);
        links.remove(gone);
        dropGuestsOf(gone);
        pendingCalls.values().stream().filter(p -> p.owner().equals(gone))
                .forEach(p -> p.reply().completeExceptionally(new IllegalStateException("the instance left")));
        int moved = 0;
        for (Connection connection : connections.values()) {
            if (gone.equals(connection.owner)) {
                try {
                    connection.attach(ownerOf(connection.roomId));
                    moved++;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not move a client of room " + connection.roomId
                            + " to its new owner: closing it so that it reconnects", e);
                    connection.outbox.close();
                }
            }
        }
        LOG.log(Level.INFO, "instance {0} left the cluster: {1} clients here moved to their rooms'' new owners",
                new Object[] {gone, moved});
    }

    /** Stops taking part: the listeners go; rooms this instance owns are claimed by others once it has left. */
    @Override
    public void close() {
        try {
            grid.getCluster().removeMembershipListener(membershipListener);
            inbox(self).removeMessageListener(inboxListener);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the grid is gone already", e);
        }
    }

    /** A client of this instance, in its room here or at the room's owner. */
    private final class Connection implements RoomConnection {
        final long id;
        final String roomId;
        final Outbox outbox;
        final int protocol;
        private String greeting;                 // queued after the room's first frames at the first join; or null
        volatile String owner;                   // the room's owner this connection is joined to
        private RoomRegistry.Membership local;   // when the owner is this instance; guarded by this
        private Hello hello;                     // the last name the client chose, sent again after a move
        private boolean left;

        Connection(long id, String roomId, Outbox outbox, int protocol, String greeting) {
            this.id = id;
            this.roomId = roomId;
            this.outbox = outbox;
            this.protocol = protocol;
            this.greeting = greeting;
        }

        // Joins the room at its owner (at first, and again when the owner left).
        synchronized void attach(String newOwner) {
            if (left) {
                return;
            }
            owner = newOwner;
            // The greeting once: after a move it could be stale (a renewed token may have changed the access it tells).
            String first = greeting;
            greeting = null;
            if (newOwner.equals(self)) {
                local = registry.join(roomId, outbox, protocol, first);
            } else {
                local = null;
                post(newOwner, Wire.join(self, id, protocol, first, roomId));
            }
            if (hello != null) {
                deliver(hello);
            }
        }

        // The owner may have missed messages of this client: leave and join again (the room is sent anew).
        synchronized void rejoin() {
            if (left || local != null || owner == null) {
                return;
            }
            post(owner, Wire.leave(self, id));
            attach(owner);
        }

        @Override
        public synchronized void receive(ClientMessage message) {
            if (message instanceof Hello named) {
                hello = named;
            }
            deliver(message);
        }

        private void deliver(ClientMessage message) {
            if (local != null) {
                local.room().receive(local.member(), message);
            } else if (!left) {
                post(owner, Wire.message(self, id, MessageCodec.encode(message)));
            }
        }

        @Override
        public void leave() {
            RoomRegistry.Membership wasLocal;
            String wasOwner;
            synchronized (this) {
                if (left) {
                    return;
                }
                left = true;
                wasLocal = local;
                wasOwner = owner;
            }
            connections.remove(id);
            if (wasLocal != null) {
                registry.leave(wasLocal);
            } else if (wasOwner != null && isMember(wasOwner)) {
                post(wasOwner, Wire.leave(self, id));
            }
        }
    }

    /** The transport of a guest's outbox at the room's owner: each frame goes to the guest's instance's link. */
    private final class Forward implements Outbox.Transport {
        private final Link link;
        private final long connection;

        Forward(String instance, long connection) {
            this.link = links.computeIfAbsent(instance, Link::new);
            this.connection = connection;
        }

        @Override
        public void send(String frame, Outbox.Completion done) {
            link.add(connection, frame);
            done.completed(true); // handed over: this outbox never fills; the client's own outbox is bounded
        }

        @Override
        public void close(int code, String reason) {
            // Never asked: an outbox whose writes complete at once does not overflow.
        }
    }

    /**
     * The frames this owner sends one other instance, batched: a room's change goes to all its members on that
     * instance in one grid message naming their connections, not one message per member. Frames are taken in the
     * order they were handed over and sent by one drain at a time, so each connection's frames keep their order.
     */
    private final class Link {
        private final String instance;
        private final List<Long> connections = new ArrayList<>(); // guarded by this, parallel to frames
        private final List<String> frames = new ArrayList<>();
        private boolean draining;
        private boolean resyncing; // between an overflow and the request to rejoin

        Link(String instance) {
            this.instance = instance;
        }

        private Outlet outlet() {
            return outlets.computeIfAbsent(instance, Outlet::new);
        }

        void add(long connection, String frame) {
            boolean start;
            boolean overflow = false;
            synchronized (this) {
                if (resyncing) {
                    return; // its clients here are being dropped and will join again: their frames are moot
                }
                if (frames.size() + outlet().framesInFlight() >= maxLinkBacklog) {
                    // The other instance does not keep up: drop what waits rather than hold it without bound, and
                    // have its clients join again (each gets the room anew), as a slow client is closed to resync.
                    frames.clear();
                    connections.clear();
                    resyncing = true;
                    overflow = true;
                } else {
                    connections.add(connection);
                    frames.add(frame);
                }
                start = !overflow && !draining;
                draining |= start;
            }
            if (overflow) {
                LOG.log(Level.WARNING, "instance {0} fell {1} frames behind: its clients of rooms held here join again",
                        new Object[] {instance, maxLinkBacklog});
                background.execute(() -> {
                    try {
                        dropGuestsOf(instance); // closes their outboxes: nothing more of theirs reaches add()
                        outlet().forgetInFlight();
                    } finally {
                        synchronized (this) {
                            resyncing = false;
                        }
                    }
                    post(instance, Wire.rejoin(self)); // they join again only now, so their new frames are kept
                });
            }
            if (start) {
                background.execute(this::drain);
            }
        }

        private void drain() {
            while (true) {
                List<Long> ids;
                List<String> batch;
                synchronized (this) {
                    if (frames.isEmpty()) {
                        draining = false;
                        return;
                    }
                    ids = new ArrayList<>(connections);
                    batch = new ArrayList<>(frames);
                    connections.clear();
                    frames.clear();
                }
                try {
                    outlet().postFrames(Wire.frames(self, ids, batch), batch.size());
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "could not send frames to " + instance, e);
                }
            }
        }
    }
}
