package dev.waypoint.cluster;

import com.hazelcast.core.HazelcastInstance;
import dev.waypoint.message.Limits;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.room.RoomContext;
import dev.waypoint.room.RoomRegistry;
import dev.waypoint.room.WriteBehind;
import dev.waypoint.web.RoomOperations;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** One instance of Waypoint as the server wires it in a cluster: registry, grid store, writer, grid rooms. */
final class Node implements AutoCloseable {

    final RoomRegistry registry;
    final GridRooms rooms;
    private final WriteBehind writer;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    Node(HazelcastInstance member) {
        this(member, GridRooms.MAX_LINK_BACKLOG);
    }

    Node(HazelcastInstance member, int maxLinkBacklog) {
        GridRoomStore store = new GridRoomStore(member);
        writer = new WriteBehind(store, Executors.defaultThreadFactory());
        registry = new RoomRegistry(new RoomContext(MessageCodec::encode, Limits.DEFAULTS, Clock.systemUTC(),
                RoomContext.NO_MEETUPS, store, writer), Duration.ofMinutes(5));
        rooms = new GridRooms(member, registry, new RoomOperations(), background, maxLinkBacklog);
    }

    @Override
    public void close() {
        rooms.close();
        writer.close();
        background.shutdownNow();
    }
}
