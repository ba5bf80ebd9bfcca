package dev.waypoint.cluster;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.room.Outbox;
import dev.waypoint.room.RoomRegistry;

/** Every room in this server: a single instance, or a server without a data grid. */
public final class LocalRooms implements Rooms {

    private final RoomRegistry registry;
    private final RoomCalls calls;

    public LocalRooms(RoomRegistry registry, RoomCalls calls) {
        this.registry = registry;
        this.calls = calls;
    }

    @Override
    public RoomReply call(String roomId, RoomCall call) {
        return calls.run(registry.room(roomId), call);
    }

    @Override
    public RoomConnection connect(String roomId, Outbox outbox, int protocol, String greeting) {
        return new Local(registry, registry.join(roomId, outbox, protocol, greeting));
    }

    @Override
    public String describe() {
        return "local";
    }

    /** A connection whose room is in this server. */
    static final class Local implements RoomConnection {
        private final RoomRegistry registry;
        private final RoomRegistry.Membership membership;

        Local(RoomRegistry registry, RoomRegistry.Membership membership) {
            this.registry = registry;
            this.membership = membership;
        }

        @Override
        public void receive(ClientMessage message) {
            membership.room().receive(membership.member(), message);
        }

        @Override
        public void leave() {
            registry.leave(membership); // idempotent: Room.exit ignores a member that left
        }
    }
}
