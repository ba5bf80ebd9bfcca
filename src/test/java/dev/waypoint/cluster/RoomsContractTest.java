package dev.waypoint.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.AccessInfo;
import dev.waypoint.message.Limits;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.room.RoomContext;
import dev.waypoint.room.RoomRegistry;
import dev.waypoint.web.RoomOperations;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The room's contract as clients see it, the same through every transport: a single server's {@link LocalRooms}, and
 * {@link GridRooms} with both clients on the room's owner, or the second client on another instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomsContractTest {

    private LoopbackGrid grid;
    private Node a;
    private Node b;
    private int rooms;

    @BeforeAll
    void start() {
        grid = LoopbackGrid.start(2);
        a = new Node(grid.member(0));
        b = new Node(grid.member(1));
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        grid.close();
    }

    /** Where the first and the second client of a room connect. */
    Stream<Arguments> transports() {
        RoomRegistry single = new RoomRegistry(RoomContext.inMemory(MessageCodec::encode, Limits.DEFAULTS,
                Clock.systemUTC(), RoomContext.NO_MEETUPS), Duration.ZERO);
        Rooms local = new LocalRooms(single, new RoomOperations());
        return Stream.of(Arguments.of("local", local, local), Arguments.of("grid, same instance", a.rooms, a.rooms),
                Arguments.of("grid, across instances", a.rooms, b.rooms));
    }

    private String room() {
        return "contract-" + (++rooms);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // GridRooms is AutoCloseable: it serves every test
    @MethodSource("transports")
    void theDemosProtocol(String name, Rooms first, Rooms second) throws Exception {
        String room = room();
        TestClient ana = TestClient.join(first, room, 1);
        ana.send("{\"type\":\"setPin\",\"location\":{\"lat\":48.85,\"lng\":2.35}}");
        ana.await("her pinUpdate", m -> TestClient.count(m, "pinUpdate") == 1);

        TestClient ben = TestClient.join(second, room, 1);
        ben.await("the current pin first", m -> !m.isEmpty());
        assertEquals("pinUpdate", ben.messages().get(0).getString("type"));
        assertEquals(48.85, ben.messages().get(0).getJsonObject("location").getJsonNumber("lat").doubleValue());

        ben.send("{\"type\":\"setPin\",\"location\":{\"lat\":-33.87,\"lng\":151.21}}");
        ana.await("ben's pin", m -> TestClient.count(m, "pinUpdate") == 2);
        ben.await("his own pin", m -> TestClient.count(m, "pinUpdate") == 2);

        ben.send("{\"type\":\"ping\",\"id\":\"p1\",\"clientTime\":5}");
        ben.await("the pong", m -> TestClient.count(m, "pong") == 1);
        JsonObject pong = ben.ofType("pong").get(0);
        assertEquals("p1", pong.getString("id"));
        assertEquals(5, pong.getJsonNumber("clientTime").longValue());

        ben.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2}}}"); // version 2 only
        ben.await("the error", m -> TestClient.count(m, "error") == 1);
        ana.send("{\"type\":\"ping\",\"id\":\"after\"}");
        ana.await("her pong", m -> TestClient.count(m, "pong") == 1);
        assertEquals(0, TestClient.count(ana.messages(), "error"), "the error went to ben alone");
        assertEquals(0, TestClient.count(ben.messages(), "pinAdded"), "nothing invalid reached anyone");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // GridRooms is AutoCloseable: it serves every test
    @MethodSource("transports")
    void versionTwoChangesAndRefusals(String name, Rooms first, Rooms second) throws Exception {
        String room = room();
        TestClient ana = TestClient.join(first, room, 2);
        TestClient ben = TestClient.join(second, room, 2);
        ben.await("a snapshot", m -> TestClient.count(m, "snapshot") == 1);
        ben.send("{\"type\":\"hello\",\"name\":\"Ben\"}");
        ben.send("{\"type\":\"addPin\",\"ref\":\"b1\",\"pin\":{\"location\":{\"lat\":1,\"lng\":2},\"label\":\"Café\"}}");
        ana.await("ben's pin", m -> TestClient.count(m, "pinAdded") == 1);
        JsonObject added = ana.ofType("pinAdded").get(0);
        assertEquals("Café", added.getJsonObject("pin").getString("label"));
        assertEquals("Ben", added.getJsonObject("pin").getString("createdBy"));
        assertTrue(!added.containsKey("ref"), "the ref goes to its sender only");
        ben.await("his own pin with its ref", m -> m.stream().anyMatch(f -> "b1".equals(f.getString("ref", null))));

        String pinId = added.getJsonObject("pin").getString("id");
        ana.send("{\"type\":\"updatePin\",\"id\":\"" + pinId + "\",\"baseVersion\":0,\"set\":{\"label\":\"late\"},\"ref\":\"a1\"}");
        ana.await("the conflict", m -> m.stream().anyMatch(f -> f.getString("type").equals("error")
                && "a1".equals(f.getString("ref", null)) && f.getString("code").equals("conflict")));
        ana.send("{\"type\":\"sync\",\"ref\":\"s\"}");
        ana.await("the sync", m -> TestClient.count(m, "snapshot") == 2);
        JsonObject snapshot = ana.ofType("snapshot").get(1);
        assertEquals(List.of("Café"), snapshot.getJsonArray("pins").stream()
                .map(p -> p.asJsonObject().getString("label")).toList(), "the conflicting update changed nothing");
        assertEquals(0, TestClient.count(ben.messages(), "error"));

        RoomReply listed = second.call(room, RoomCall.of("sessions"));
        assertEquals(200, listed.status());
        ben.connection.leave();
        ana.await("ben left", m -> TestClient.count(m, "participantLeft") == 1);
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // GridRooms is AutoCloseable: it serves every test
    @MethodSource("transports")
    void aGreetingFollowsTheSnapshotWithNothingBetween(String name, Rooms first, Rooms second) throws Exception {
        String room = room();
        TestClient ana = TestClient.join(first, room, 2);
        ana.await("a snapshot", m -> TestClient.count(m, "snapshot") == 1);
        String access = MessageCodec.encode(new AccessInfo("view", "Ben\tthe viewer", null)); // JSON escapes the tab
        // Ana adds pins while Ben joins: none of her changes may come between his snapshot and his greeting.
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                ana.send("{\"type\":\"addPin\",\"pin\":{\"location\":{\"lat\":1,\"lng\":" + (i % 90) + "}}}");
            }
        });
        writer.start();
        TestClient ben = TestClient.join(second, room, 2, access);
        TestClient cleo = TestClient.join(second, room, 1, null);
        writer.join();
        ana.await("her 200 pins", m -> TestClient.count(m, "pinAdded") == 200);
        ben.await("the snapshot and what followed", m -> m.size() >= 2);
        List<JsonObject> frames = ben.messages();
        assertEquals("snapshot", frames.get(0).getString("type"));
        assertEquals(Json.createReader(new StringReader(access)).readObject(), frames.get(1));
        assertEquals(1, TestClient.count(ben.messages(), "access"), "once");
        cleo.send("{\"type\":\"ping\",\"id\":\"c\"}");
        cleo.await("her pong", m -> TestClient.count(m, "pong") == 1);
        assertEquals(0, TestClient.count(cleo.messages(), "access"), "a greeting is for its own connection only");
    }
}
