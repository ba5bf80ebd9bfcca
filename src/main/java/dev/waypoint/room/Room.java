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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 */
public final class Room {

    private static final Member[] NO_MEMBERS = new Member[0];
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

    /**
     * @param encoder turns a server message into its text frame; called once per change and kind of recipient
     */
    public Room(String id, Function<ServerMessage, String> encoder, Limits limits, Clock clock, MeetupService meetups) {
        this.meetups = Objects.requireNonNull(meetups);
        this.id = Objects.requireNonNull(id);
        this.encoder = Objects.requireNonNull(encoder);
        this.limits = Objects.requireNonNull(limits);
        this.rules = new PinRules(limits);
        this.routeRules = new RouteRules(limits);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A room with the default limits, the system clock and no meetup planning. */
    public Room(String id, Function<ServerMessage, String> encoder) {
        this(id, encoder, Limits.DEFAULTS, Clock.systemUTC(), (sharing, done) -> done.accept(null));
    }

    public String id() {
        return id;
    }

    /**
     * Adds a connection speaking {@code protocol} (1 or 2). A version 2 member's first frame is the room's snapshot;
     * a version 1 member's is the legacy pin, if there is one. Everyone else of version 2 learns that it joined.
     */
    public Member join(Outbox outbox, int protocol) {
        Member member = enter(outbox, protocol);
        flushAll();
        return member;
    }

    /** {@link #join} without writing, for callers that hold another lock; they call {@link #flushAll()} after. */
    Member enter(Outbox outbox, int protocol) {
        synchronized (lock) {
            long n = ++participantSequence;
            Member member = new Member(outbox, protocol, "u" + n, "Guest " + n, PALETTE[(int) ((n - 1) % PALETTE.length)]);
            publish(new ParticipantJoined(++version, member.view(), null), null, null);
            Member[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = member;
            members = grown;
            if (protocol >= 2) {
                version2Members++;
                outbox.offer(encoder.apply(snapshot(member, null)));
            } else if (legacyFrame != null) {
                outbox.offer(legacyFrame);
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
            from.outbox().send(encoder.apply(ping.pong()));
            return;
        }
        if (message instanceof SetPin setPin) {
            setPin(setPin.location());
            return;
        }
        try {
            if (from.protocol() < 2) {
                String type = message.getClass().getSimpleName();
                throw MessageCodec.unknownType(Character.toLowerCase(type.charAt(0)) + type.substring(1),
                        ClientMessage.TYPES);
            }
            synchronized (lock) {
                apply(from, message);
            }
            afterChange();
        } catch (InvalidMessageException refused) {
            from.outbox().send(encoder.apply(ErrorMessage.of(refused.withRef(message.ref()))));
        }
    }

    // Version 2 requests, under the lock. Each either throws before changing anything, or changes and publishes.
    private void apply(Member from, ClientMessage message) {
        String ref = message.ref();
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
            publish(new PinAdded(version, pin, null), from, ref);
        } else if (message instanceof UpdatePin update) {
            Pin current = existing(update.id(), update.baseVersion());
            Pin pin = rules.apply(current, update.edit(), version + 1);
            version++;
            pins.put(pin.id(), pin);
            boolean legacyMoved = pin.isLegacy() && !pin.location().equals(current.location());
            if (pin.isLegacy()) {
                legacyFrame = encoder.apply(new PinUpdate(pin.location()));
            }
            publish(new PinUpdated(version, pin, null), from, ref, legacyMoved ? legacyFrame : null);
        } else if (message instanceof RemovePin remove) {
            Pin pin = existing(remove.id(), remove.baseVersion());
            pins.remove(pin.id());
            if (pin.isLegacy()) {
                legacyFrame = null; // version 1 has no way to say "removed": its clients hear nothing until setPin
            }
            publish(new PinRemoved(++version, pin.id(), null), from, ref);
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
            publish(new RouteAdded(version, route, null), from, ref);
        } else if (message instanceof UpdateRoute update) {
            Route route = routeRules.apply(existingRoute(update.id(), update.baseVersion()), update.edit(), pins,
                    version + 1);
            version++;
            routes.put(route.id(), route);
            publish(new RouteUpdated(version, route, null), from, ref);
        } else if (message instanceof RemoveRoute remove) {
            Route route = existingRoute(remove.id(), remove.baseVersion());
            routes.remove(route.id());
            publish(new RouteRemoved(++version, route.id(), null), from, ref);
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
            from.outbox().offer(encoder.apply(snapshot(from, ref)));
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

    /** A removed pin's routes keep their shape: its points become free points where the pin was. */
    private void detachRoutesFrom(Pin pin) {
        for (Route route : List.copyOf(routes.values())) {
            if (route.points().stream().anyMatch(p -> pin.id().equals(p.pinId()))) {
                List<RoutePoint> points = route.points().stream()
                        .map(p -> pin.id().equals(p.pinId()) ? RoutePoint.at(pin.location()) : p).toList();
                Route detached = new Route(route.id(), points, route.color(), route.label(), route.createdBy(),
                        route.createdAt(), ++version);
                routes.put(detached.id(), detached);
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
        String forAll = version2Members > 0 ? encoder.apply(change) : null;
        String forRequester = ref != null && requester != null ? encoder.apply(change.withRef(ref)) : forAll;
        for (Member member : members) {
            if (member.protocol() >= 2) {
                member.outbox().offer(member == requester ? forRequester : forAll);
            } else if (version1Frame != null) {
                member.outbox().offer(version1Frame);
            }
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

    /** True when the room holds nothing worth keeping in memory: no members, no pins, no routes. */
    boolean isDisposable() {
        synchronized (lock) {
            return members.length == 0 && pins.isEmpty() && routes.isEmpty();
        }
    }
}
