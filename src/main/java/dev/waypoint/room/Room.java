package dev.waypoint.room;

import dev.waypoint.message.AddPin;
import dev.waypoint.message.AddRoute;
import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.ErrorMessage;
import dev.waypoint.message.Hello;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Meetup;
import dev.waypoint.message.MeetupUpdated;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Participant;
import dev.waypoint.message.ParticipantJoined;
import dev.waypoint.message.ParticipantLeft;
import dev.waypoint.message.ParticipantUpdated;
import dev.waypoint.message.Pin;
import dev.waypoint.message.PinAdded;
import dev.waypoint.message.PinEdit;
import dev.waypoint.message.PinRemoved;
import dev.waypoint.message.PinUpdate;
import dev.waypoint.message.PinUpdated;
import dev.waypoint.message.Ping;
import dev.waypoint.message.RemovePin;
import dev.waypoint.message.RemoveRoute;
import dev.waypoint.message.Route;
import dev.waypoint.message.RouteAdded;
import dev.waypoint.message.RouteEdit;
import dev.waypoint.message.RoutePoint;
import dev.waypoint.message.RouteRemoved;
import dev.waypoint.message.RouteUpdated;
import dev.waypoint.message.RoomChange;
import dev.waypoint.message.ServerMessage;
import dev.waypoint.message.SetPin;
import dev.waypoint.message.ShareLocation;
import dev.waypoint.message.SharedLocation;
import dev.waypoint.message.Snapshot;
import dev.waypoint.message.StopSharing;
import dev.waypoint.message.Sync;
import dev.waypoint.message.UpdatePin;
import dev.waypoint.message.UpdateRoute;
import dev.waypoint.message.DeleteSession;
import dev.waypoint.message.FeaturesImported;
import dev.waypoint.message.ListSessions;
import dev.waypoint.message.RestoreSession;
import dev.waypoint.message.RoomRestored;
import dev.waypoint.message.SaveSession;
import dev.waypoint.message.SessionDeleted;
import dev.waypoint.message.SessionInfo;
import dev.waypoint.message.SessionSaved;
import dev.waypoint.message.Sessions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One shared map: its pins, routes and participants, and the connections that watch it.
 *
 * <p>The room's lock orders its changes. Under it a change is applied, the room's version grows by one, and the
 * change's frames are queued to every member; the frames are written after the lock is released, so a member with
 * a slow socket never holds up the others, and the order in which frames were queued is the order every member
 * receives them. Joining takes the same lock, so a new member starts from the room as of its place in that order.
 *
 * <p>Members speak one of two protocol versions. Version 2 members receive every change with its version.
 * Version 1 members (the demo's client) receive only what the demo knew: {@code pinUpdate} whenever the legacy pin
 * ({@link Pin#LEGACY_ID}) is created or moves. Each kind of frame is encoded once per change, not per recipient.
 *
 * <p><b>Durable before visible.</b> With a durable {@link RoomStore}, a change of pins or routes marks what it touched
 * as dirty and asks the context's writer to write the room; every frame queued from then on (the change's own, and
 * any later one, so the order holds) is held in the room until the writer reports that the room is stored up to that
 * change's version. The writer commits many changes, of many rooms, in one transaction, so holding costs latency
 * (one commit) but not throughput. Participants and the meetup are not stored; frames about them wait only when a
 * stored change is ahead of them. If the store falls behind so far that {@value #MAX_HELD_FRAMES} frames are held,
 * new changes are refused with {@code storage_unavailable} rather than held without bound.
 */
public final class Room {

    private static final Member[] NO_MEMBERS = new Member[0];
    /** Frames held for the store at most, across the room's members, before changes are refused. */
    static final int MAX_HELD_FRAMES = 200_000;
    private static final int MAX_SESSION_NAME_LENGTH = 80;
    private static final int MAX_NAME_LENGTH = 40;
    private static final String[] PALETTE = {"#e53935", "#8e24aa", "#3949ab", "#039be5", "#00897b", "#7cb342",
        "#fdd835", "#fb8c00", "#6d4c41", "#546e7a"};

    private final String id;
    private final Function<ServerMessage, String> encoder;
    private final Limits limits;
    private final PinRules rules;
    private final RouteRules routeRules;
    private final Clock clock;
    private final MeetupService meetups;
    private final RoomStore store;
    private final Consumer<Room> writes;
    private final boolean durable;
    private final Object lock = new Object();

    // Guarded by lock. The members array is replaced, never mutated: a change flushes the array it queued to.
    private Member[] members = NO_MEMBERS;
    private int version2Members;
    private final Map<String, Pin> pins = new LinkedHashMap<>();
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private long version;
    private long pinSequence;
    private long routeSequence;
    private long participantSequence;
    private String legacyFrame; // the version 1 pinUpdate of the legacy pin, while it exists
    private Meetup meetup;
    // Meetup planning, one plan at a time: a change of the shared locations while one runs asks for one more
    // afterwards, with the locations as they are then, and only the plan of the latest locations is applied.
    private long sharingGeneration;
    private boolean planning;
    private boolean planAgain;
    // Durability (see the class comment), guarded by lock.
    private final Set<String> dirtyPins = new LinkedHashSet<>();
    private final Set<String> dirtyRoutes = new LinkedHashSet<>();
    private boolean replaced;        // the next write replaces all stored pins and routes
    private boolean dirty;           // something to write; the writer has been asked
    private long lastStoredChange;   // the version of the latest change that must be stored before it is seen
    private long storedVersion;      // every change up to this version is stored
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final TreeMap<Long, List<CompletableFuture<Void>>> storedWaiters = new TreeMap<>();
    private long emptySince;         // clock millis when the last member left; the room's birth if none joined

    /** A frame waiting for the store: released once the room is stored up to {@code after}. */
    private record Held(Outbox outbox, String frame, long after) {
    }

    /**
     * @param encoder turns a server message into its text frame; called once per change and kind of recipient
     */
    public Room(String id, Function<ServerMessage, String> encoder, Limits limits, Clock clock, MeetupService meetups) {
        this(StoredRoom.empty(id), RoomContext.inMemory(encoder, limits, clock, meetups));
    }

    /** A room with the default limits, the system clock and no meetup planning. */
    public Room(String id, Function<ServerMessage, String> encoder) {
        this(id, encoder, Limits.DEFAULTS, Clock.systemUTC(), RoomContext.NO_MEETUPS);
    }

    /** A room as it was stored (or {@link StoredRoom#empty}), in a server's context. */
    public Room(StoredRoom stored, RoomContext context) {
        this.id = stored.id();
        this.encoder = context.encoder();
        this.limits = context.limits();
        this.rules = new PinRules(limits);
        this.routeRules = new RouteRules(limits);
        this.clock = context.clock();
        this.meetups = context.meetups();
        this.store = context.store();
        this.writes = context.writes();
        this.durable = store.isDurable();
        this.version = stored.version();
        this.storedVersion = stored.version();
        this.pinSequence = stored.pinSequence();
        this.routeSequence = stored.routeSequence();
        stored.pins().forEach(pin -> pins.put(pin.id(), pin));
        stored.routes().forEach(route -> routes.put(route.id(), route));
        Pin legacy = pins.get(Pin.LEGACY_ID);
        this.legacyFrame = legacy == null ? null : encoder.apply(new PinUpdate(legacy.location()));
        this.emptySince = clock.millis();
    }

    public String id() {
        return id;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Adds a connection speaking {@code protocol} (1 or 2). A version 2 member's first frame is the room's snapshot;
     * a version 1 member's is the legacy pin, if there is one. Everyone else of version 2 learns that it joined.
     */
    public Member join(Outbox outbox, int protocol) {
        return join(outbox, protocol, null);
    }

    /**
     * {@link #join(Outbox, int)}, with a frame of the caller's ({@code greeting}, such as the connection's
     * {@code access}; none if null) queued right after those first frames: no frame of the room comes between.
     */
    public Member join(Outbox outbox, int protocol, String greeting) {
        Member member = enter(outbox, protocol, greeting);
        flushAll();
        return member;
    }

    /** {@link #join} without writing, for callers that hold another lock; they call {@link #flushAll()} after. */
    Member enter(Outbox outbox, int protocol, String greeting) {
        synchronized (lock) {
            long n = ++participantSequence;
            Member member = new Member(outbox, protocol, "u" + n, "Guest " + n, PALETTE[(int) ((n - 1) % PALETTE.length)]);
            publish(new ParticipantJoined(++version, member.view(), null), null, null);
            Member[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = member;
            members = grown;
            if (protocol >= 2) {
                version2Members++;
                deliver(outbox, encoder.apply(snapshot(member, null)));
            } else if (legacyFrame != null) {
                deliver(outbox, legacyFrame);
            }
            if (greeting != null) {
                deliver(outbox, greeting);
            }
            return member;
        }
    }

    /** Removes a member and tells the others. Idempotent. */
    public void leave(Member member) {
        exit(member);
        afterChange();
    }

    /** {@link #leave} without writing, for callers that hold another lock; they call {@link #afterLeave()} after. */
    void exit(Member member) {
        synchronized (lock) {
            int index = Arrays.asList(members).indexOf(member);
            if (index < 0) {
                return;
            }
            Member[] shrunk = new Member[members.length - 1];
            System.arraycopy(members, 0, shrunk, 0, index);
            System.arraycopy(members, index + 1, shrunk, index, members.length - index - 1);
            members = shrunk;
            if (members.length == 0) {
                emptySince = clock.millis();
            }
            if (member.protocol() >= 2) {
                version2Members--;
            }
            publish(new ParticipantLeft(++version, member.id(), null), null, null);
            if (member.isSharing()) {
                sharingChanged();
            }
        }
    }

    /**
     * Applies one request of a member. Answers (a pong, a snapshot, an error) go to that member only; changes go to
     * everyone. A request the room refuses changes nothing and is answered with an {@code error} naming its
     * {@code ref}.
     */
    public void receive(Member from, ClientMessage message) {
        if (message instanceof Ping ping) {
            reply(from, encoder.apply(ping.pong()));
            return;
        }
        try {
            if (message instanceof SetPin setPin) {
                setPin(setPin.location());
                return;
            }
            if (from.protocol() < 2) {
                String type = message.getClass().getSimpleName();
                throw MessageCodec.unknownType(Character.toLowerCase(type.charAt(0)) + type.substring(1),
                        ClientMessage.TYPES);
            }
            if (message instanceof SaveSession save) {
                String author;
                synchronized (lock) {
                    author = from.isNamed() ? from.name() : SessionInfo.ANONYMOUS;
                }
                saveSession(save.name(), author, from, save.ref());
            } else if (message instanceof ListSessions list) {
                reply(from, encoder.apply(new Sessions(store.sessions(id), list.ref())));
            } else if (message instanceof RestoreSession restore) {
                restoreSession(restore.sessionId(), from, restore.ref());
            } else if (message instanceof DeleteSession delete) {
                deleteSession(delete.sessionId(), from, delete.ref());
            } else {
                synchronized (lock) {
                    apply(from, message);
                }
                afterChange();
            }
        } catch (InvalidMessageException refused) {
            String frame = encoder.apply(ErrorMessage.of(refused.withRef(message.ref())));
            if (refused.code() == ErrorCode.STORAGE_UNAVAILABLE) {
                from.outbox().send(frame); // at once, not behind the held changes that are the reason for it
            } else {
                reply(from, frame);
            }
        }
    }

    /** Sends a frame to one member, in the room's order (behind anything held for the store). */
    private void reply(Member to, String frame) {
        if (!durable) {
            to.outbox().send(frame); // nothing is ever held: the fast path of ping and errors
            return;
        }
        synchronized (lock) {
            deliver(to.outbox(), frame);
        }
        to.outbox().flush();
    }

    // Version 2 requests, under the lock. Each either throws before changing anything, or changes and publishes.
    private void apply(Member from, ClientMessage message) {
        String ref = message.ref();
        if (message instanceof AddPin || message instanceof UpdatePin || message instanceof RemovePin
                || message instanceof AddRoute || message instanceof UpdateRoute || message instanceof RemoveRoute) {
            checkStorable();
        }
        if (message instanceof AddPin add) {
            if (pins.size() >= limits.pinsPerRoom()) {
                throw new InvalidMessageException(ErrorCode.LIMIT_REACHED,
                        "the room has the most pins it may have: " + limits.pinsPerRoom());
            }
            PinEdit edit = add.edit();
            Pin pin = rules.create("p" + (pinSequence + 1), edit, from.name(), clock.instant(), version + 1);
            pinSequence++;
            version++;
            pins.put(pin.id(), pin);
            mustStorePin(pin.id());
            publish(new PinAdded(version, pin, null), from, ref);
        } else if (message instanceof UpdatePin update) {
            Pin current = existing(update.id(), update.baseVersion());
            Pin pin = rules.apply(current, update.edit(), version + 1);
            version++;
            pins.put(pin.id(), pin);
            mustStorePin(pin.id());
            boolean legacyMoved = pin.isLegacy() && !pin.location().equals(current.location());
            if (pin.isLegacy()) {
                legacyFrame = encoder.apply(new PinUpdate(pin.location()));
            }
            publish(new PinUpdated(version, pin, null), from, ref, legacyMoved ? legacyFrame : null);
        } else if (message instanceof RemovePin remove) {
            Pin pin = existing(remove.id(), remove.baseVersion());
            pins.remove(pin.id());
            version++;
            mustStorePin(pin.id());
            if (pin.isLegacy()) {
                legacyFrame = null; // version 1 has no way to say "removed": its clients hear nothing until setPin
            }
            publish(new PinRemoved(version, pin.id(), null), from, ref);
            detachRoutesFrom(pin);
        } else if (message instanceof AddRoute add) {
            if (routes.size() >= limits.routesPerRoom()) {
                throw new InvalidMessageException(ErrorCode.LIMIT_REACHED,
                        "the room has the most routes it may have: " + limits.routesPerRoom());
            }
            Route route = routeRules.create("r" + (routeSequence + 1), add.edit(), pins, from.name(), clock.instant(),
                    version + 1);
            routeSequence++;
            version++;
            routes.put(route.id(), route);
            mustStoreRoute(route.id());
            publish(new RouteAdded(version, route, null), from, ref);
        } else if (message instanceof UpdateRoute update) {
            Route route = routeRules.apply(existingRoute(update.id(), update.baseVersion()), update.edit(), pins,
                    version + 1);
            version++;
            routes.put(route.id(), route);
            mustStoreRoute(route.id());
            publish(new RouteUpdated(version, route, null), from, ref);
        } else if (message instanceof RemoveRoute remove) {
            Route route = existingRoute(remove.id(), remove.baseVersion());
            routes.remove(route.id());
            version++;
            mustStoreRoute(route.id());
            publish(new RouteRemoved(version, route.id(), null), from, ref);
        } else if (message instanceof Hello hello) {
            String name = hello.name() == null ? from.name()
                    : TextRules.trimmed("name", hello.name(), MAX_NAME_LENGTH, ErrorCode.INVALID_PARTICIPANT);
            String color = hello.color() == null ? from.view().color()
                    : TextRules.color(hello.color(), ErrorCode.INVALID_PARTICIPANT);
            from.rename(name, color);
            publish(new ParticipantUpdated(++version, from.view(), null), from, ref);
        } else if (message instanceof ShareLocation share) {
            Location at = share.location();
            from.share(new SharedLocation(at.lat(), at.lng(), share.accuracy()));
            publish(new ParticipantUpdated(++version, from.view(), null), from, ref);
            sharingChanged();
        } else if (message instanceof StopSharing) {
            boolean wasSharing = from.isSharing();
            from.share(null);
            publish(new ParticipantUpdated(++version, from.view(), null), from, ref);
            if (wasSharing) {
                sharingChanged();
            }
        } else if (message instanceof Sync) {
            deliver(from.outbox(), encoder.apply(snapshot(from, ref)));
        } else {
            throw new IllegalArgumentException("unhandled message " + message);
        }
    }

    // Set under the lock by a change of the shared locations; started by afterChange() once the lock is released.
    private Plan pendingPlan;

    /** A meetup plan to start: the shared locations as of one generation. */
    private record Plan(long generation, Map<String, Location> sharing) {
    }

    /**
     * Under the lock: the shared locations changed. Either a plan is running (it will be followed by one more), or
     * a new plan is left in {@link #pendingPlan} for the next {@link #afterChange()}, on whichever thread, to start.
     */
    private void sharingChanged() {
        sharingGeneration++;
        if (planning) {
            planAgain = true;
        } else {
            planning = true;
            pendingPlan = new Plan(sharingGeneration, sharedLocations());
        }
    }

    private Map<String, Location> sharedLocations() {
        Map<String, Location> sharing = new LinkedHashMap<>();
        for (Member member : members) {
            SharedLocation at = member.view().sharing();
            if (at != null) {
                sharing.put(member.id(), new Location(at.lat(), at.lng()));
            }
        }
        return sharing;
    }

    /** What {@link #leave} does after {@link #exit}, for callers that held another lock around {@code exit}. */
    void afterLeave() {
        afterChange();
    }

    /** After the lock is released: writes what was queued and starts a meetup plan if one is due. */
    private void afterChange() {
        Plan plan;
        synchronized (lock) {
            plan = pendingPlan;
            pendingPlan = null;
        }
        flushAll();
        if (plan != null) {
            start(plan);
        }
    }

    private void start(Plan plan) {
        if (plan.sharing().size() < 2) {
            planned(plan.generation(), null);
            return;
        }
        try {
            meetups.plan(plan.sharing(), result -> planned(plan.generation(), result));
        } catch (RuntimeException e) {
            planned(plan.generation(), null); // a planner that fails outright: no meetup rather than a stuck room
        }
    }

    /** A plan finished: apply it if the locations did not change meanwhile, then start the next one if asked. */
    private void planned(long generation, Meetup result) {
        Plan next = null;
        synchronized (lock) {
            planning = false;
            if (generation == sharingGeneration && !Objects.equals(result, meetup)) {
                meetup = result;
                publish(new MeetupUpdated(++version, result, null), null, null);
            }
            if (planAgain) {
                planAgain = false;
                planning = true;
                next = new Plan(sharingGeneration, sharedLocations());
            }
        }
        flushAll();
        if (next != null) {
            start(next);
        }
    }

    /**
     * Saves the room's pins and routes as a session named {@code name}, by {@code author}; every version 2 member
     * learns of it ({@code requester}, if any, with {@code ref}).
     */
    public SessionInfo saveSession(String name, String author, Member requester, String ref) {
        String checkedName = TextRules.trimmed("name", name, MAX_SESSION_NAME_LENGTH, ErrorCode.INVALID_SESSION);
        List<Pin> savedPins;
        List<Route> savedRoutes;
        long at;
        synchronized (lock) {
            savedPins = List.copyOf(pins.values());
            savedRoutes = List.copyOf(routes.values());
            at = version;
        }
        // The store commits before anyone hears of the session. Pins still held for the room's own write are
        // in it too: a session may hold a change that a crash then takes from the room, never the reverse.
        SessionInfo info = store.saveSession(id, checkedName, author, clock.instant(), at, savedPins, savedRoutes);
        tellAll(new SessionSaved(info, null), new SessionSaved(info, ref), requester);
        return info;
    }

    /** The room's saved sessions, newest first. */
    public List<SessionInfo> sessions() {
        return store.sessions(id);
    }

    /** Deletes a saved session; every version 2 member learns of it. */
    public void deleteSession(String sessionId, Member requester, String ref) {
        if (!store.deleteSession(id, sessionId)) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "no saved session \"" + sessionId + "\" in this room");
        }
        tellAll(new SessionDeleted(sessionId, null), new SessionDeleted(sessionId, ref), requester);
    }

    /**
     * Replaces the room's pins and routes with a saved session's, as one change in the room's order.
     *
     * @return the version of that change
     */
    public long restoreSession(String sessionId, Member requester, String ref) {
        SavedSession saved = store.session(id, sessionId).orElseThrow(() -> new InvalidMessageException(
                ErrorCode.NOT_FOUND, "no saved session \"" + sessionId + "\" in this room"));
        long restoredAt;
        synchronized (lock) {
            checkStorable();
            Pin oldLegacy = pins.get(Pin.LEGACY_ID);
            long next = ++version;
            pins.clear();
            routes.clear();
            for (Pin pin : saved.pins()) {
                pins.put(pin.id(), new Pin(pin.id(), pin.location(), pin.color(), pin.label(), pin.description(),
                        pin.symbol(), pin.metadata(), pin.createdBy(), pin.createdAt(), next));
                pinSequence = Math.max(pinSequence, sequenceOf(pin.id(), 'p'));
            }
            for (Route route : saved.routes()) {
                routes.put(route.id(), new Route(route.id(), route.points(), route.color(), route.label(),
                        route.createdBy(), route.createdAt(), next));
                routeSequence = Math.max(routeSequence, sequenceOf(route.id(), 'r'));
            }
            Pin legacy = pins.get(Pin.LEGACY_ID);
            String version1Frame = null;
            if (legacy == null) {
                legacyFrame = null;
            } else if (oldLegacy == null || !oldLegacy.location().equals(legacy.location())) {
                legacyFrame = encoder.apply(new PinUpdate(legacy.location()));
                version1Frame = legacyFrame;
            }
            if (durable) {
                replaced = true;
                mustStore();
            }
            publish(new RoomRestored(next, saved.info(), List.copyOf(pins.values()), List.copyOf(routes.values()),
                    null), requester, ref, version1Frame);
            restoredAt = next;
        }
        afterChange();
        return restoredAt;
    }

    /**
     * Adds pins and routes as one change (an import). Pins get new ids; {@code routesFor} gives the routes once it
     * knows them (a route may follow an added pin). Every edit must be valid by the room's rules (the caller checked
     * them); the room checks its limits and adds all or nothing. Nothing to add is no change: the room's version
     * stays as it is and nobody is sent anything.
     *
     * @return the change, as every member received it (with the current version and no features if nothing)
     */
    public FeaturesImported addAll(List<PinEdit> newPins, Function<List<String>, List<RouteEdit>> routesFor,
                                   String author) {
        FeaturesImported change;
        synchronized (lock) {
            checkStorable();
            if (pins.size() + newPins.size() > limits.pinsPerRoom()) {
                throw new InvalidMessageException(ErrorCode.LIMIT_REACHED, "the room has " + pins.size()
                        + " pins and may have " + limits.pinsPerRoom() + ": " + newPins.size() + " more do not fit");
            }
            long next = version + 1;
            Map<String, Pin> added = new LinkedHashMap<>();
            Map<String, Pin> visible = new LinkedHashMap<>(pins);
            long pinSeq = pinSequence;
            for (PinEdit edit : newPins) {
                Pin pin = rules.create("p" + (++pinSeq), edit, author, clock.instant(), next);
                added.put(pin.id(), pin);
                visible.put(pin.id(), pin);
            }
            List<RouteEdit> newRoutes = routesFor.apply(List.copyOf(added.keySet()));
            if (added.isEmpty() && newRoutes.isEmpty()) {
                // A file with nothing to import (every feature skipped, or none) is no change: no version for it,
                // which nothing would ever store, and nothing for the members.
                return new FeaturesImported(version, List.of(), List.of(), null);
            }
            if (routes.size() + newRoutes.size() > limits.routesPerRoom()) {
                throw new InvalidMessageException(ErrorCode.LIMIT_REACHED, "the room has " + routes.size()
                        + " routes and may have " + limits.routesPerRoom() + ": " + newRoutes.size() + " more do not fit");
            }
            List<Route> addedRoutes = new ArrayList<>();
            long routeSeq = routeSequence;
            for (RouteEdit edit : newRoutes) {
                addedRoutes.add(routeRules.create("r" + (++routeSeq), edit, visible, author, clock.instant(), next));
            }
            // Everything checked: now change.
            version = next;
            pinSequence = pinSeq;
            routeSequence = routeSeq;
            added.values().forEach(pin -> {
                pins.put(pin.id(), pin);
                mustStorePin(pin.id());
            });
            addedRoutes.forEach(route -> {
                routes.put(route.id(), route);
                mustStoreRoute(route.id());
            });
            change = new FeaturesImported(next, List.copyOf(added.values()), List.copyOf(addedRoutes), null);
            publish(change, null, null);
        }
        afterChange();
        return change;
    }

    /** The room's lasting state now (what a store holds of it, or what an export writes). */
    public StoredRoom state() {
        synchronized (lock) {
            return new StoredRoom(id, version, pinSequence, routeSequence, List.copyOf(pins.values()),
                    List.copyOf(routes.values()));
        }
    }

    /** Keeps a room without members in memory for another idle period: it is in use over HTTP. */
    void touch() {
        synchronized (lock) {
            if (members.length == 0) {
                emptySince = clock.millis();
            }
        }
    }

    private static long sequenceOf(String itemId, char prefix) {
        if (itemId.length() > 1 && itemId.charAt(0) == prefix) {
            try {
                return Long.parseLong(itemId.substring(1));
            } catch (NumberFormatException notOurs) {
                return 0;
            }
        }
        return 0;
    }

    // Sends a notice that is not a change (no version) to every version 2 member, in the room's order.
    private void tellAll(ServerMessage notice, ServerMessage forRequester, Member requester) {
        String frame = encoder.apply(notice);
        String requesterFrame = requester == null ? frame : encoder.apply(forRequester);
        synchronized (lock) {
            for (Member member : members) {
                if (member.protocol() >= 2) {
                    deliver(member.outbox(), member == requester ? requesterFrame : frame);
                }
            }
        }
        flushAll();
    }

    /** A removed pin's routes keep their shape: its points become free points where the pin was. */
    private void detachRoutesFrom(Pin pin) {
        for (Route route : List.copyOf(routes.values())) {
            if (route.points().stream().anyMatch(p -> pin.id().equals(p.pinId()))) {
                List<RoutePoint> points = route.points().stream()
                        .map(p -> pin.id().equals(p.pinId()) ? RoutePoint.at(pin.location()) : p).toList();
                Route detached = new Route(route.id(), points, route.color(), route.label(), route.createdBy(),
                        route.createdAt(), ++version);
                routes.put(detached.id(), detached);
                mustStoreRoute(detached.id());
                publish(new RouteUpdated(version, detached, null), null, null);
            }
        }
    }

    private Route existingRoute(String routeId, Long baseVersion) {
        Route route = routes.get(routeId);
        if (route == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "no route \"" + routeId + "\" in this room");
        }
        if (baseVersion != null && route.version() > baseVersion) {
            throw new InvalidMessageException(ErrorCode.CONFLICT, "route \"" + routeId + "\" changed at version "
                    + route.version() + ", after the version " + baseVersion + " this request was based on");
        }
        return route;
    }

    private Pin existing(String pinId, Long baseVersion) {
        Pin pin = pins.get(pinId);
        if (pin == null) {
            throw new InvalidMessageException(ErrorCode.NOT_FOUND, "no pin \"" + pinId + "\" in this room");
        }
        if (baseVersion != null && pin.version() > baseVersion) {
            throw new InvalidMessageException(ErrorCode.CONFLICT, "pin \"" + pinId + "\" changed at version "
                    + pin.version() + ", after the version " + baseVersion + " this request was based on");
        }
        return pin;
    }

    /**
     * Moves the legacy pin (creating it if needed), the demo's {@code setPin}: version 1 members receive
     * {@code pinUpdate}, version 2 members the pin's change.
     */
    public void setPin(Location location) {
        String frame = encoder.apply(new PinUpdate(location)); // encoded outside the lock: the hot path of the demo
        synchronized (lock) {
            checkStorable();
            legacyFrame = frame;
            Pin current = pins.get(Pin.LEGACY_ID);
            long next = ++version;
            RoomChange change;
            if (current == null) {
                Pin pin = new Pin(Pin.LEGACY_ID, location, PinRules.DEFAULT_COLOR, PinRules.DEFAULT_LABEL, null, null,
                        null, "setPin", clock.instant(), next);
                pins.put(pin.id(), pin);
                change = new PinAdded(next, pin, null);
            } else {
                Pin pin = new Pin(current.id(), location, current.color(), current.label(), current.description(),
                        current.symbol(), current.metadata(), current.createdBy(), current.createdAt(), next);
                pins.put(pin.id(), pin);
                change = new PinUpdated(next, pin, null);
            }
            mustStorePin(Pin.LEGACY_ID);
            publish(change, null, null, frame);
        }
        flushAll();
    }

    // Under the lock: queue a change to every member. Version 2 members get the change (the requester with its ref);
    // version 1 members get legacyFrame, when the change moved the legacy pin.
    private void publish(RoomChange change, Member requester, String ref) {
        publish(change, requester, ref, null);
    }

    private void publish(RoomChange change, Member requester, String ref, String version1Frame) {
        if (version2Members == 0 && version1Frame == null) {
            return; // only demo clients, and nothing for them: a join or leave in a room of 500 walks no one
        }
        String forAll = version2Members > 0 ? encoder.apply(change) : null;
        String forRequester = ref != null && requester != null ? encoder.apply(change.withRef(ref)) : forAll;
        for (Member member : members) {
            if (member.protocol() >= 2) {
                deliver(member.outbox(), member == requester ? forRequester : forAll);
            } else if (version1Frame != null) {
                deliver(member.outbox(), version1Frame);
            }
        }
    }

    // Under the lock: a frame goes out now, or waits behind a change that is not stored yet.
    private void deliver(Outbox outbox, String frame) {
        if (held.isEmpty() && storedVersion >= lastStoredChange) {
            outbox.offer(frame);
        } else {
            held.add(new Held(outbox, frame, lastStoredChange));
        }
    }

    // Under the lock, before a change that must be stored: refuse it while the store is too far behind.
    private void checkStorable() {
        if (held.size() >= MAX_HELD_FRAMES) {
            throw new InvalidMessageException(ErrorCode.STORAGE_UNAVAILABLE,
                    "changes cannot be stored right now; nothing changed, try again later");
        }
    }

    // Under the lock, after a change of version `version` touched a pin or route: it is stored before it is seen.
    private void mustStorePin(String pinId) {
        if (durable) {
            dirtyPins.add(pinId);
            mustStore();
        }
    }

    private void mustStoreRoute(String routeId) {
        if (durable) {
            dirtyRoutes.add(routeId);
            mustStore();
        }
    }

    private void mustStore() {
        lastStoredChange = version;
        if (!dirty) {
            dirty = true;
            writes.accept(this);
        }
    }

    /**
     * For the writer: what to write now, or null if nothing. Everything the room changed up to the returned write's
     * version is in it.
     */
    public RoomWrite drainWrite() {
        synchronized (lock) {
            if (!dirty) {
                return null;
            }
            dirty = false;
            List<Pin> savedPins = new ArrayList<>();
            Set<String> removedPins = new HashSet<>();
            List<Route> savedRoutes = new ArrayList<>();
            Set<String> removedRoutes = new HashSet<>();
            if (replaced) {
                savedPins.addAll(pins.values());
                savedRoutes.addAll(routes.values());
            } else {
                for (String pinId : dirtyPins) {
                    Pin pin = pins.get(pinId);
                    if (pin != null) {
                        savedPins.add(pin);
                    } else {
                        removedPins.add(pinId);
                    }
                }
                for (String routeId : dirtyRoutes) {
                    Route route = routes.get(routeId);
                    if (route != null) {
                        savedRoutes.add(route);
                    } else {
                        removedRoutes.add(routeId);
                    }
                }
            }
            RoomWrite write = new RoomWrite(id, version, pinSequence, routeSequence, replaced, savedPins, removedPins,
                    savedRoutes, removedRoutes);
            dirtyPins.clear();
            dirtyRoutes.clear();
            replaced = false;
            return write;
        }
    }

    /** For the writer: {@code write} is committed. Releases what waited for it and writes it out on this thread. */
    public void written(RoomWrite write) {
        release(write).run();
    }

    /**
     * For the writer: {@code write} is committed. The frames that waited for it are queued to their members' outboxes
     * now, in the room's order (from here on they are as good as sent: a later change queues behind them); the
     * returned task writes them to the sockets and completes {@link #stored} waiters. The writer runs that task on
     * another thread, so that its next commit does not wait for the room's members' sockets.
     */
    public Runnable release(RoomWrite write) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (lock) {
            storedVersion = Math.max(storedVersion, write.version());
            while (!held.isEmpty() && held.peekFirst().after() <= storedVersion) {
                Held next = held.pollFirst();
                next.outbox().offer(next.frame());
            }
            Map<Long, List<CompletableFuture<Void>>> due = storedWaiters.headMap(storedVersion, true);
            due.values().forEach(done::addAll);
            due.clear();
        }
        return () -> {
            flushAll();
            done.forEach(f -> f.complete(null));
        };
    }

    /** For the writer: {@code write} failed; it is written again with the next write of this room. */
    public void writeFailed(RoomWrite write) {
        synchronized (lock) {
            dirtyPins.addAll(write.removedPins());
            write.savedPins().forEach(pin -> dirtyPins.add(pin.id()));
            dirtyRoutes.addAll(write.removedRoutes());
            write.savedRoutes().forEach(route -> dirtyRoutes.add(route.id()));
            replaced |= write.replace();
            dirty = true; // the writer retries this room itself: no need to ask again
        }
    }

    /**
     * Completes when every change up to {@code version} that must be stored is stored (at once without a durable
     * store). Versions that only members' comings and goings took are never written: waiting for such a version
     * waits for the latest change before it that must be stored, or for nothing.
     */
    public CompletableFuture<Void> stored(long version) {
        synchronized (lock) {
            long due = Math.min(version, lastStoredChange);
            if (!durable || storedVersion >= due) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            storedWaiters.computeIfAbsent(due, v -> new ArrayList<>()).add(waiter);
            return waiter;
        }
    }

    private Snapshot snapshot(Member recipient, String ref) {
        List<Participant> participants = new ArrayList<>(members.length);
        for (Member member : members) {
            participants.add(member.view());
        }
        return new Snapshot(Snapshot.PROTOCOL, Snapshot.FEATURES, version, recipient.id(), List.copyOf(pins.values()),
                List.copyOf(routes.values()), participants, meetup, limits, ref);
    }

    /** Starts writing every member's queued frames; called after the lock is released. */
    void flushAll() {
        Member[] current;
        synchronized (lock) {
            current = members;
        }
        for (Member member : current) {
            member.outbox().flush();
        }
    }

    /** The legacy pin's location, if the room has one (what version 1 calls the room's pin). */
    public Optional<Location> pin() {
        synchronized (lock) {
            Pin legacy = pins.get(Pin.LEGACY_ID);
            return legacy == null ? Optional.empty() : Optional.of(legacy.location());
        }
    }

    public List<Pin> pins() {
        synchronized (lock) {
            return List.copyOf(pins.values());
        }
    }

    public List<Route> routes() {
        synchronized (lock) {
            return List.copyOf(routes.values());
        }
    }

    /** The current meetup, if two or more participants share their location. */
    public Optional<Meetup> meetup() {
        synchronized (lock) {
            return Optional.ofNullable(meetup);
        }
    }

    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    public int size() {
        synchronized (lock) {
            return members.length;
        }
    }

    /**
     * True when the room may leave memory as soon as its last member leaves: nothing unwritten, and nothing worth
     * keeping or loading again (no pins, no routes).
     */
    boolean isDisposable() {
        synchronized (lock) {
            return members.length == 0 && isSettled() && pins.isEmpty() && routes.isEmpty();
        }
    }

    // Under the lock: nothing waits to be written or released.
    private boolean isSettled() {
        return !dirty && held.isEmpty() && storedVersion >= lastStoredChange;
    }

    /**
     * True when the room has had no members for {@code idleMillis} before {@code nowMillis} and may leave memory:
     * a durable store holds all of it (or it holds nothing). A durable room whose version moved on without a stored
     * change (people came and went) is written first, so that it comes back with the same version: until that write
     * is done, it stays.
     */
    boolean isIdleSince(long nowMillis, long idleMillis) {
        synchronized (lock) {
            if (members.length > 0 || nowMillis - emptySince < idleMillis) {
                return false;
            }
            if (storeVersion()) {
                return false;
            }
            return isSettled() && (durable || (pins.isEmpty() && routes.isEmpty()));
        }
    }

    /**
     * Asks the writer to store the room's version if it moved on without a stored change (people came and went), so
     * that the room comes back from the store with the version its clients last saw: versions never go back, and a
     * {@code baseVersion} from before a restart still detects a conflict. Called before a room leaves memory and
     * when the server stops (whose writer writes what is waiting before it closes).
     *
     * @return true if a write was asked for
     */
    boolean storeVersion() {
        synchronized (lock) {
            if (durable && !dirty && storedVersion < version) {
                lastStoredChange = version;
                dirty = true;
                writes.accept(this);
                return true;
            }
            return false;
        }
    }
}
