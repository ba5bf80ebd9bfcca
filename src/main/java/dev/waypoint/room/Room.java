package dev.waypoint.room;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.Location;
import dev.waypoint.message.PinUpdate;
import dev.waypoint.message.Ping;
import dev.waypoint.message.ServerMessage;
import dev.waypoint.message.SetPin;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One shared map: its pin and the connections that watch it.
 *
 * <p>The room's lock orders its changes. Under it a change is applied and its frame queued to every member; the
 * frames are written after the lock is released, so a member with a slow socket never holds up the others, and the
 * order in which frames were queued is the order every member receives them. Joining takes the same lock, so a
 * new member's first frame is the pin as of its place in that order.
 */
public final class Room {

    private static final Outbox[] NO_MEMBERS = new Outbox[0];

    private final String id;
    private final Function<ServerMessage, String> encoder;
    private final Object lock = new Object();

    // Guarded by lock. Replaced, never mutated: a broadcast flushes the snapshot it queued to.
    private Outbox[] members = NO_MEMBERS;
    private Location pin;
    private String pinFrame;

    /**
     * @param encoder turns a server message into its text frame; called once per broadcast, not per recipient
     */
    public Room(String id, Function<ServerMessage, String> encoder) {
        this.id = Objects.requireNonNull(id);
        this.encoder = Objects.requireNonNull(encoder);
    }

    public String id() {
        return id;
    }

    /** Adds a member; if the room has a pin, it is the member's first frame. */
    public void join(Outbox member) {
        enter(member);
        member.flush();
    }

    /** {@link #join} without starting the write, for callers that hold another lock. */
    void enter(Outbox member) {
        synchronized (lock) {
            Outbox[] grown = Arrays.copyOf(members, members.length + 1);
            grown[members.length] = member;
            members = grown;
            if (pinFrame != null) {
                member.offer(pinFrame);
            }
        }
    }

    /** Removes a member. Idempotent. */
    public void leave(Outbox member) {
        synchronized (lock) {
            int index = Arrays.asList(members).indexOf(member);
            if (index < 0) {
                return;
            }
            Outbox[] shrunk = new Outbox[members.length - 1];
            System.arraycopy(members, 0, shrunk, 0, index);
            System.arraycopy(members, index + 1, shrunk, index, members.length - index - 1);
            members = shrunk;
        }
    }

    /** Applies one message from a member of this room; answers go to that member's outbox. */
    public void receive(Outbox from, ClientMessage message) {
        if (message instanceof Ping ping) {
            from.send(encoder.apply(ping.pong()));
        } else if (message instanceof SetPin setPin) {
            setPin(setPin.location());
        } else {
            throw new IllegalArgumentException("unhandled message " + message);
        }
    }

    /** Moves the room's pin and tells every member, in the room's order. */
    public void setPin(Location location) {
        String frame = encoder.apply(new PinUpdate(location));
        Outbox[] recipients;
        synchronized (lock) {
            pin = location;
            pinFrame = frame;
            recipients = members;
            for (Outbox member : recipients) {
                member.offer(frame);
            }
        }
        for (Outbox member : recipients) {
            member.flush();
        }
    }

    public Optional<Location> pin() {
        synchronized (lock) {
            return Optional.ofNullable(pin);
        }
    }

    public int size() {
        synchronized (lock) {
            return members.length;
        }
    }

    /** True when the room holds nothing worth keeping in memory: no members and no pin. */
    boolean isDisposable() {
        synchronized (lock) {
            return members.length == 0 && pin == null;
        }
    }
}
