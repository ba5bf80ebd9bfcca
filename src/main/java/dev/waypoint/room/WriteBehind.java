package dev.waypoint.room;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes rooms' changes to a durable {@link RoomStore} with group commit: one thread takes every room that has
 * changes waiting, drains them, and commits all of them in one transaction; while it commits, new changes gather for
 * the next one. Under load a commit carries many changes of many rooms (and only the latest state of a pin that moved
 * many times), so storage costs one transaction per commit time rather than one per message; when idle, a change is
 * written at once.
 *
 * <p>Rooms hold the frames of their changes until the commit (durable before visible). After a commit the writer
 * queues each room's held frames to its members' outboxes ({@link Room#release}) and hands the writing of them to the
 * sockets to a small pool of sender threads: the next commit starts at once instead of waiting until every member's
 * frames of the last one are written (which made one thread both commit and send every delivery). A failed commit is
 * logged, its rooms keep their changes, and the writer tries again after a pause that grows to
 * {@value #MAX_RETRY_MILLIS} ms; meanwhile rooms refuse changes once too many frames wait ({@link Room}).
 */
public final class WriteBehind implements Consumer<Room>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WriteBehind.class.getName());
    static final long MAX_RETRY_MILLIS = 5_000;
    /** Rooms per transaction at most; more wait for the next commit (which follows at once). */
    static final int MAX_ROOMS_PER_COMMIT = 1_000;
    /**
     * Sender threads at most (system property; default 4 per core). A write to a socket can take tens of milliseconds
     * on a busy machine, and a room's release waits for a free sender: with 2 senders on 2 cores the benchmark's
     * saturate p99 was 668 and 842 ms (JFR: socket writes of 20-60 ms and waits for the session's write lock on the
     * senders), with 8 it was 253 ms (single runs, RESULTS.md). So there are several per core, as there are HTTP
     * threads that send in a server without storage.
     */
    static final String SENDERS_PROPERTY = "waypoint.release-threads";

    private final RoomStore store;
    private final Thread thread;
    private final ExecutorService senders;
    private final Object lock = new Object();
    private final Set<Room> waiting = new LinkedHashSet<>(); // guarded by lock
    private boolean closing;                                 // guarded by lock
    private volatile long commits;
    private volatile long changesWritten;
    private volatile String lastFailure; // why the last commit failed, until one succeeds

    public WriteBehind(RoomStore store, ThreadFactory threads) {
        this.store = store;
        AtomicInteger sender = new AtomicInteger();
        int count = Integer.getInteger(SENDERS_PROPERTY, 4 * Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(Math.max(1, count), Math.max(1, count), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread t = threads.newThread(task);
                    t.setName("waypoint-release-" + sender.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true); // an idle server keeps none of them
        this.senders = pool;
        this.thread = threads.newThread(this::run);
        this.thread.setName("waypoint-write-behind");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** A room has changes to write (called under the room's lock: only hands over). */
    @Override
    public void accept(Room room) {
        synchronized (lock) {
            waiting.add(room);
            lock.notifyAll();
        }
    }

    private void run() {
        long pause = 0;
        while (true) {
            List<Room> batch = new ArrayList<>();
            synchronized (lock) {
                while (waiting.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                if (waiting.isEmpty()) {
                    return; // closing, and everything is written
                }
                var it = waiting.iterator();
                while (it.hasNext() && batch.size() < MAX_ROOMS_PER_COMMIT) {
                    batch.add(it.next());
                    it.remove();
                }
            }
            CommitEvent event = new CommitEvent();
            event.begin();
            long started = System.nanoTime();
            List<Room> rooms = new ArrayList<>();
            List<RoomWrite> writes = new ArrayList<>();
            for (Room room : batch) {
                RoomWrite write = room.drainWrite();
                if (write != null) {
                    rooms.add(room);
                    writes.add(write);
                }
            }
            long drained = System.nanoTime();
            event.drainNanos = drained - started;
            event.rooms = writes.size();
            for (RoomWrite write : writes) {
                event.items += write.savedPins().size() + write.removedPins().size() + write.savedRoutes().size()
                        + write.removedRoutes().size();
            }
            try {
                store.write(writes);
                long stored = System.nanoTime();
                event.storeNanos = stored - drained;
                commits++;
                changesWritten += writes.size();
                lastFailure = null;
                pause = 0;
                for (int i = 0; i < rooms.size(); i++) {
                    send(rooms.get(i).release(writes.get(i)));
                }
                event.releaseNanos = System.nanoTime() - stored;
                event.commit();
            } catch (RuntimeException failure) {
                pause = Math.min(MAX_RETRY_MILLIS, Math.max(100, pause * 2));
                lastFailure = String.valueOf(failure.getMessage());
                LOG.log(Level.SEVERE, "Could not store the changes of " + rooms.size() + " room(s); clients see them"
                        + " once they are stored. Trying again in " + pause + " ms.", failure);
                for (int i = 0; i < rooms.size(); i++) {
                    rooms.get(i).writeFailed(writes.get(i));
                }
                event.failed = true;
                event.storeNanos = System.nanoTime() - drained;
                event.commit();
                synchronized (lock) {
                    waiting.addAll(rooms);
                    if (closing) {
                        LOG.severe("Stopping with the changes of " + rooms.size() + " room(s) not stored");
                        return;
                    }
                    try {
                        lock.wait(pause);
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
            }
        }
    }

    // The released frames are queued already (their order is fixed); only writing them to the sockets moves away.
    private void send(Runnable release) {
        try {
            senders.execute(release);
        } catch (RuntimeException noSender) {
            // Stopping (rejected), or the server's thread factory refused a thread: written here rather than lost,
            // and the commit, which did succeed, is not reported as failed.
            release.run();
        }
    }

    /** Why the last commit failed, while the writer has not committed since; null when all is well. */
    public String failure() {
        return lastFailure;
    }

    /** Transactions committed so far. */
    public long commits() {
        return commits;
    }

    /** Room writes committed so far (a commit holds one per room that changed). */
    public long roomWrites() {
        return changesWritten;
    }

    /** Writes what is waiting, then stops. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
