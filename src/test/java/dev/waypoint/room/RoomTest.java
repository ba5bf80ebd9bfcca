package dev.waypoint.room;

import static dev.waypoint.message.SampleLocations.JAKARTA;
import static dev.waypoint.message.SampleLocations.NEW_YORK;
import static dev.waypoint.message.SampleLocations.SUVA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Location;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.PinUpdate;
import dev.waypoint.message.SampleLocations;
import dev.waypoint.message.SetPin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoomTest {

    private final Room room = new Room("test-room", MessageCodec::encode);
    private final ExecutorService completer = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopCompleter() {
        completer.shutdownNow();
    }

    private static String pinUpdate(Location location) {
        return MessageCodec.encode(new PinUpdate(location));
    }

    @Test
    void setPinReachesEveryMemberIncludingTheSender() {
        RecordingTransport sender = new RecordingTransport();
        RecordingTransport other = new RecordingTransport();
        Member senderMember = room.join(new Outbox(sender, 100), 1);
        room.join(new Outbox(other, 100), 1);

        room.receive(senderMember, new SetPin(NEW_YORK));

        assertEquals(List.of(pinUpdate(NEW_YORK)), sender.frames());
        assertEquals(List.of(pinUpdate(NEW_YORK)), other.frames());
        assertEquals(NEW_YORK, room.pin().orElseThrow());
    }

    @Test
    void lateJoinerReceivesTheCurrentPinFirst() {
        room.join(new Outbox(new RecordingTransport(), 100), 1);
        room.setPin(NEW_YORK);
        room.setPin(JAKARTA);

        RecordingTransport late = new RecordingTransport();
        room.join(new Outbox(late, 100), 1);
        room.setPin(SUVA);

        assertEquals(List.of(pinUpdate(JAKARTA), pinUpdate(SUVA)), late.frames());
    }

    @Test
    void joinerOfARoomWithoutPinReceivesNothing() {
        RecordingTransport joiner = new RecordingTransport();
        room.join(new Outbox(joiner, 100), 1);
        assertEquals(List.of(), joiner.frames());
    }

    @Test
    void pingIsAnsweredToItsSenderOnly() {
        RecordingTransport sender = new RecordingTransport();
        RecordingTransport other = new RecordingTransport();
        Member senderMember = room.join(new Outbox(sender, 100), 1);
        room.join(new Outbox(other, 100), 1);

        room.receive(senderMember, (dev.waypoint.message.Ping) MessageCodec.decode("{\"type\":\"ping\",\"id\":\"p1\",\"clientTime\":7}"));

        assertEquals(List.of("{\"type\":\"pong\",\"id\":\"p1\",\"clientTime\":7}"), sender.frames());
        assertEquals(List.of(), other.frames());
    }

    @Test
    void memberThatLeftReceivesNothingMore() {
        RecordingTransport leaver = new RecordingTransport();
        Member member = room.join(new Outbox(leaver, 100), 1);
        room.leave(member);
        room.setPin(NEW_YORK);
        assertEquals(List.of(), leaver.frames());
        assertEquals(0, room.size());
    }

    @Test
    void concurrentWritersLeaveEveryMemberWithTheSameSequenceInEachWritersOrder() throws Exception {
        int members = 12;
        int writers = 6;
        int updatesPerWriter = 2_000;
        List<RecordingTransport> transports = new ArrayList<>();
        List<Member> outboxes = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            RecordingTransport transport = new RecordingTransport().completingOn(completer);
            transports.add(transport);
            outboxes.add(room.join(new Outbox(transport, 1_000_000), 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<RecordingTransport> lateJoiners = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < updatesPerWriter; i++) {
                    // writer w's i-th update: lat encodes the writer, lng the sequence
                    room.receive(outboxes.get(writer), new SetPin(new Location(writer, i * 0.01)));
                    if (writer == 0 && i % 500 == 250) {
                        RecordingTransport late = new RecordingTransport();
                        synchronized (lateJoiners) {
                            lateJoiners.add(late);
                        }
                        room.join(new Outbox(late, 1_000_000), 1);
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        int total = writers * updatesPerWriter;
        OutboxTest.waitUntil(() -> transports.stream().allMatch(t -> t.frames().size() == total));

        List<String> reference = transports.get(0).frames();
        for (RecordingTransport transport : transports) {
            assertEquals(reference, transport.frames(), "every member sees one and the same order");
            assertEquals(1, transport.maxInFlight(), "one write at a time per connection");
        }
        for (int w = 0; w < writers; w++) {
            String lat = "\"lat\":" + (double) w + ",";
            List<String> ofWriter = reference.stream().filter(f -> f.contains(lat)).collect(Collectors.toList());
            assertEquals(updatesPerWriter, ofWriter.size());
            for (int i = 0; i < updatesPerWriter; i++) {
                assertEquals(pinUpdate(new Location(w, i * 0.01)), ofWriter.get(i), "writer " + w + " keeps its order");
            }
        }
        // A late joiner's frames are a suffix of the room's order, starting with the pin as of its join.
        for (RecordingTransport late : lateJoiners) {
            List<String> got = late.frames();
            int at = reference.indexOf(got.get(0));
            assertEquals(reference.subList(at, reference.size()), got);
        }
        assertEquals(reference.get(reference.size() - 1), pinUpdate(room.pin().orElseThrow()));
    }

    @Test
    void aMemberThatStopsReadingIsClosedWhileTheOthersReceiveEverything() {
        RecordingTransport stalled = new RecordingTransport();
        stalled.stopReading();
        RecordingTransport reader = new RecordingTransport();
        room.join(new Outbox(stalled, 50), 1);
        room.join(new Outbox(reader, 50), 1);

        for (int i = 0; i < 1_000; i++) {
            room.setPin(SampleLocations.numbered(i));
        }

        assertEquals(Outbox.SLOW_CONSUMER_CLOSE_CODE, stalled.closeCode());
        assertEquals(1_000, reader.frames().size());
        assertNull(reader.closeCode());
        assertEquals(pinUpdate(SampleLocations.numbered(999)), reader.frames().get(999));
    }
}
