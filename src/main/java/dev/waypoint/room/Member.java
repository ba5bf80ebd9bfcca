package dev.waypoint.room;

import dev.waypoint.message.Participant;
import dev.waypoint.message.SharedLocation;

/**
 * One connection in a room: its outbox, the protocol version it speaks, and who it is. Name, colour and shared
 * location change only under the room's lock.
 */
public final class Member {

    private final Outbox outbox;
    private final int protocol;
    private final String id;
    private String name;
    private String color;
    private SharedLocation sharing;
    private boolean named;

    Member(Outbox outbox, int protocol, String id, String name, String color) {
        this.outbox = outbox;
        this.protocol = protocol;
        this.id = id;
        this.name = name;
        this.color = color;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** 1 for the demo's protocol, 2 for clients that asked for {@code waypoint.v2}. */
    public int protocol() {
        return protocol;
    }

    public String id() {
        return id;
    }

    String name() {
        return name;
    }

    void rename(String name, String color) {
        this.named |= !name.equals(this.name);
        this.name = name;
        this.color = color;
    }

    /** True once the member chose a name of its own (rather than the "Guest n" it was given). */
    boolean isNamed() {
        return named;
    }

    boolean isSharing() {
        return sharing != null;
    }

    void share(SharedLocation sharing) {
        this.sharing = sharing;
    }

    Participant view() {
        return new Participant(id, name, color, protocol, sharing);
    }
}
