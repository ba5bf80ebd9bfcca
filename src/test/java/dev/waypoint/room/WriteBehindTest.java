package dev.waypoint.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import dev.waypoint.message.SessionInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The writer thread: group commit, retry after a failure, writing what waits when closed, and a commit that never
 * waits for members' sockets.
 */
class WriteBehindTest {

    /** Records each commit; the first one waits until the test lets it go; fails while {@code failures} > 0. */
    static final class RecordingStore implements RoomStore {
        final List<List<RoomWrite>> commits = new ArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public boolean isDurable() {
            return true;
        }

        @Override
        public Optional<StoredRoom> load(String roomId) {
            return Optional.empty();
        }

        @Override
        public void write(List<RoomWrite> writes) {
            if (firstStarted.getCount() > 0) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("connection refused");
            }
            synchronized (commits) {
                commits.add(List.copyOf(writes));
            }
        }

        int commitCount() {
            synchronized (commits) {
                return commits.size();
            }
        }

        @Override
        public SessionInfo saveSession(String roomId, String name, String author, Instant savedAt, long roomVersion,
                                       List<Pin> pins, List<Route> routes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SessionInfo> sessions(String roomId) {
            return List.of();
        }

        @Override
        public Optional<SavedSession> session(String roomId, String sessionId) {
            return Optional.empty();
        }

        @Override
        public boolean deleteSession(String roomId, String sessionId) {
            return false;
        }
    }

    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void eventually(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(5);
        }
    }

    final RecordingStore store = new RecordingStore();
    final WriteBehind writer = new WriteBehind(store, Thread::new);
    final RoomRegistry registry = new RoomRegistry(new RoomContext(MessageCodec::encode, Limits.DEFAULTS,
            Clock.systemUTC(), RoomContext.NO_MEETUPS, store, writer), Duration.ofMinutes(1));

    @Test
    void changesMadeDuringACommitGoIntoTheNextOneTogether() throws Exception {
        RecordingTransport seen = new RecordingTransport();
        registry.join("a", new Outbox(seen, 1000), 1);
        registry.room("a").setPin(new Location(1, 1));
        await(store.firstStarted);
        // While the first commit is stuck, 50 changes of three rooms gather.
        for (int i = 0; i < 50; i++) {
            registry.room(List.of("a", "b", "c").get(i % 3)).setPin(new Location(2, i));
        }
        assertEquals(List.of(), seen.frames(), "nothing is seen before it is stored");
        store.releaseFirst.countDown();
        eventually("all stored", () -> store.commitCount() == 2);
        List<RoomWrite> second = store.commits.get(1);
        assertEquals(3, second.size(), "one write per room, one transaction for all");
        RoomWrite ofA = second.stream().filter(w -> w.roomId().equals("a")).findFirst().orElseThrow();
        assertEquals(48, ofA.savedPins().get(0).location().lng(), "only the latest state of a pin that moved often");
        eventually("a's changes delivered", () -> seen.frames().size() == 18);
        writer.close();
    }

    @Test
    void aFailedCommitIsTriedAgainAndNothingIsSeenBeforeItWorks() throws Exception {
        store.releaseFirst.countDown();
        store.failures.set(2);
        RecordingTransport seen = new RecordingTransport();
        registry.join("a", new Outbox(seen, 1000), 1);
        registry.room("a").setPin(new Location(1, 1));
        eventually("the writer says why it is failing", () -> writer.failure() != null);
        assertEquals("connection refused", writer.failure());
        eventually("stored after two failures", () -> store.commitCount() == 1);
        eventually("then delivered", () -> seen.frames().size() == 1);
        assertEquals(0, store.failures.get());
        assertEquals(null, writer.failure(), "ready again once a commit worked");
        writer.close();
    }

    /** A transport whose writes block the thread that writes, as a socket write that blocks would. */
    static final class BlockingTransport implements Outbox.Transport {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch unblock = new CountDownLatch(1);
        final List<String> frames = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void send(String frame, Outbox.Completion done) {
            frames.add(frame);
            entered.countDown();
            await(unblock);
            done.completed(true);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    @Test
    void aMemberWhoseWritesBlockHoldsUpNeitherTheNextCommitNorOtherRooms() throws Exception {
        BlockingTransport stuck = new BlockingTransport();
        registry.join("a", new Outbox(stuck, 1000), 1);
        registry.room("a").setPin(new Location(1, 1)); // held: its commit waits until the test lets it go
        await(store.firstStarted);
        store.releaseFirst.countDown(); // committed now, so the writer releases a's frame and has it written
        await(stuck.entered); // a's first frame is being written, and that write does not return
        RecordingTransport other = new RecordingTransport();
        registry.join("b", new Outbox(other, 1000), 1);
        registry.room("b").setPin(new Location(2, 2));
        eventually("b's change is committed while a's write is stuck", () -> store.commitCount() == 2);
        eventually("and b's member receives it", () -> other.frames().size() == 1);
        assertEquals(1, stuck.frames.size(), "a's member is still on its first frame");
        stuck.unblock.countDown();
        writer.close();
    }

    @Test
    void closingWritesWhatWaits() {
        store.releaseFirst.countDown();
        for (int i = 0; i < 20; i++) {
            registry.room("room-" + i).setPin(new Location(1, i));
        }
        writer.close();
        long written = store.commits.stream().mapToLong(List::size).sum();
        assertEquals(20, written);
    }
}
