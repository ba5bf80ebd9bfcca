package dev.waypoint.bench;

import dev.waypoint.bench.WsClient.Conn;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rooms of C clients each, one writer per room, for the fanout, saturate and slow scenarios.
 *
 * <p>All sockets of a room are pinned to one client event loop, so the writer's send times and every
 * member's receipts are recorded on one thread without locks. Timeline: all sockets open, then t0;
 * writers send from t0; [t0+warm-up, t0+warm-up+duration) is the measured window; writers stop at its end;
 * then the client waits (at most the drain time) for the deliveries still owed.
 * A setPin is "measured" if it was sent inside the window; each open recipient (sender included) then owes
 * one delivery: lost = owed - received by the end of the drain. Latency = receipt time - send time of that
 * setPin, per recipient, for measured setPins. Deliveries/s = receipts whose receipt time is inside the
 * window, divided by the window.
 */
final class RoomLoad {

    enum Mode { PACED, SATURATE }

    static final class Params {
        String prefix;
        int rooms = 10;
        int clients = 20;
        Mode mode = Mode.PACED;
        double totalRate = 2000;   // setPin/s over all rooms (PACED)
        int window = 64;           // setPins in flight per writer (SATURATE)
        double warmupS = 2;
        double durationS = 10;
        double drainS = 5;
        boolean slow;              // member 1 of room 0 stops reading at the start of the window
        int slowRcvBuf = 0;        // SO_RCVBUF of the slow member (0 = default)
        boolean liveHeapAtEnd;     // after the drain: the server's live heap, if it is a JVM (a full GC there)
        double sampleEveryS = 1;   // server RSS sampling period
    }

    private final WsClient client;
    private final Params p;
    private final int serverPid;
    private final List<Room> rooms = new ArrayList<>();
    private long t0, measureStart, measureEnd;

    RoomLoad(WsClient client, Params p, int serverPid) {
        this.client = client;
        this.p = p;
        this.serverPid = serverPid;
    }

    final class Room implements WsClient.Listener {
        final int idx;
        final String name;
        final EventLoop loop;
        final List<Conn> members = new ArrayList<>();
        Conn writer;
        Conn slow;
        long[] sendNanos = new long[1 << 14];
        long nextSeq = 1;
        int recipients;
        int inFlight;
        long lastEchoNanos;
        long reclaimedSlots;
        long sent, sentMeasured, expected, receivedMeasured, windowReceipts, unknownFrames, lateAfterDrain;
        long slowReceivedAtPause = -1;
        final Stats lat = new Stats();
        ScheduledFuture<?> ticker;
        boolean draining;

        Room(int idx, EventLoop loop) {
            this.idx = idx;
            this.name = p.prefix + "-" + idx;
            this.loop = loop;
        }

        @Override
        public void onText(Conn c, ByteBuf text, long now) {
            long seq = Proto.seqOfPinUpdate(text);
            if (seq <= 0 || seq >= nextSeq) {
                unknownFrames++;
                return;
            }
            boolean own = c == writer;
            if (own && p.mode == Mode.SATURATE) {
                inFlight--;
                lastEchoNanos = now;
            }
            if (c != slow) {
                long t = sendNanos[(int) seq];
                if (t >= measureStart && t < measureEnd) {
                    if (draining) {
                        lateAfterDrain++;
                    } else {
                        receivedMeasured++;
                        lat.add(now - t);
                    }
                }
                if (now >= measureStart && now < measureEnd) windowReceipts++;
            }
            if (own && p.mode == Mode.SATURATE && now < measureEnd) topUp(now);
        }

        @Override
        public void onClose(Conn c) {
            if (c != slow && c.opened.isDone() && !c.opened.isCompletedExceptionally()) recipients--;
        }

        private void sendOne(long now) {
            long seq = nextSeq++;
            if (seq >= sendNanos.length) sendNanos = java.util.Arrays.copyOf(sendNanos, sendNanos.length * 2);
            sendNanos[(int) seq] = now;
            writer.write(Proto.setPin(seq));
            sent++;
            if (now >= measureStart && now < measureEnd) {
                sentMeasured++;
                expected += recipients;
            }
        }

        private void topUp(long now) {
            int n = 0;
            while (inFlight < p.window) {
                sendOne(now);
                inFlight++;
                n++;
            }
            if (n > 0) writer.flush();
        }

        void start() {
            if (p.mode == Mode.PACED) {
                double perNano = p.totalRate / p.rooms / 1e9;
                ticker = loop.scheduleAtFixedRate(() -> {
                    long now = System.nanoTime();
                    if (now >= measureEnd) {
                        ticker.cancel(false);
                        return;
                    }
                    long due = (long) ((now - t0) * perNano) + 1;
                    long n = Math.min(due - sent, 1000);
                    for (long i = 0; i < n; i++) sendOne(now);
                    if (n > 0) writer.flush();
                }, Math.max(0, t0 - System.nanoTime()), 1_000_000, TimeUnit.NANOSECONDS);
            } else {
                loop.schedule(() -> {
                    long now = System.nanoTime();
                    lastEchoNanos = now;
                    topUp(now);
                }, Math.max(0, t0 - System.nanoTime()), TimeUnit.NANOSECONDS);
                // A slot whose echo never comes (a server that drops or merges updates) is given back after 2 s.
                ticker = loop.scheduleAtFixedRate(() -> {
                    long now = System.nanoTime();
                    if (now >= measureEnd) {
                        ticker.cancel(false);
                        return;
                    }
                    if (inFlight > 0 && now - lastEchoNanos > 2_000_000_000L) {
                        reclaimedSlots += inFlight;
                        inFlight = 0;
                        lastEchoNanos = now;
                        topUp(now);
                    }
                }, 50, 50, TimeUnit.MILLISECONDS);
            }
            if (slow != null) {
                loop.schedule(() -> {
                    slowReceivedAtPause = slow.received;
                    slow.channel.config().setAutoRead(false);
                }, Math.max(0, measureStart - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Runs one phase and returns its figures. */
    Map<String, Object> run() throws Exception {
        // Connect every room's members, pinned to the room's event loop.
        List<CompletableFuture<Conn>> opens = new ArrayList<>();
        for (int r = 0; r < p.rooms; r++) {
            Room room = new Room(r, client.nextLoop());
            rooms.add(room);
            for (int i = 0; i < p.clients; i++) {
                boolean isSlow = p.slow && r == 0 && i == 1;
                Conn c = client.connect(room.name, i, room.loop, room, isSlow ? p.slowRcvBuf : 0);
                room.members.add(c);
                if (isSlow) room.slow = c;
                opens.add(c.opened);
            }
            room.writer = room.members.get(0);
        }
        int failed = 0;
        for (CompletableFuture<Conn> f : opens) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                failed++;
            }
        }
        if (failed > 0) {
            closeAll();
            Map<String, Object> err = Json.obj();
            err.put("error", failed + " of " + opens.size() + " connections failed to open");
            return err;
        }
        for (Room room : rooms) {
            room.loop.submit(() -> room.recipients = room.members.size() - (room.slow != null ? 1 : 0)).get();
        }

        long now = System.nanoTime();
        t0 = now + 200_000_000L;
        measureStart = t0 + (long) (p.warmupS * 1e9);
        measureEnd = measureStart + (long) (p.durationS * 1e9);
        for (Room room : rooms) room.loop.submit(room::start).get();

        // Sample server RSS periodically; client and server CPU exactly at the window's edges.
        List<Object> rssTimeline = new ArrayList<>();
        long rssBefore = serverPid > 0 ? Proc.treeRssKiB(serverPid) : -1;
        long[] cpuStart = null, cpuEnd = null;
        long nextSample = t0;
        while (true) {
            now = System.nanoTime();
            if (cpuStart == null && now >= measureStart) cpuStart = cpuSample();
            if (now >= measureEnd) {
                cpuEnd = cpuSample();
                break;
            }
            if (serverPid > 0 && now >= nextSample) {
                Map<String, Object> s = Json.obj();
                s.put("t", Math.round((now - t0) / 1e8) / 10.0);
                s.put("rssKiB", Proc.treeRssKiB(serverPid));
                rssTimeline.add(s);
                nextSample += (long) (p.sampleEveryS * 1e9);
            }
            long wake = Math.min(cpuStart == null ? measureStart : measureEnd, serverPid > 0 ? nextSample : Long.MAX_VALUE);
            long sleep = Math.max(0, wake - System.nanoTime());
            TimeUnit.NANOSECONDS.sleep(Math.min(sleep, 100_000_000L));
        }
        long rssEndWindow = serverPid > 0 ? Proc.treeRssKiB(serverPid) : -1;

        // Drain: wait for the deliveries still owed.
        long drainDeadline = System.nanoTime() + (long) (p.drainS * 1e9);
        long[] tot;
        while (true) {
            tot = totals();
            if (tot[1] >= tot[0] || System.nanoTime() >= drainDeadline) break;
            Thread.sleep(50);
        }
        double drainUsedS = (System.nanoTime() - measureEnd) / 1e9;
        // After the drain, so that the full collection it makes delays no delivery that is measured; the slow
        // member (if any) has not read again yet, so whatever the server holds for it is still held.
        Long liveHeapKiB = p.liveHeapAtEnd && serverPid > 0 ? Proc.jvmLiveHeapKiB(serverPid) : null;
        for (Room room : rooms) room.loop.submit(() -> room.draining = true).get();

        Map<String, Object> out = Json.obj();
        long sentMeasured = 0, windowReceipts = 0, unknown = 0, reclaimed = 0;
        List<Stats> lats = new ArrayList<>();
        for (Room room : rooms) {
            sentMeasured += room.sentMeasured;
            windowReceipts += room.windowReceipts;
            unknown += room.unknownFrames;
            reclaimed += room.reclaimedSlots;
            lats.add(room.lat);
        }
        double dur = p.durationS;
        out.put("setPinsPerSec", sentMeasured / dur);
        out.put("deliveriesPerSec", windowReceipts / dur);
        out.put("expectedDeliveries", tot[0]);
        out.put("receivedDeliveries", tot[1]);
        out.put("lostDeliveries", tot[0] - tot[1]);
        out.put("drainSeconds", drainUsedS);
        out.put("latencyMs", Stats.merge(lats).summaryMs());
        if (Boolean.getBoolean("bench.perRoom")) {
            List<Object> per = new ArrayList<>();
            for (Room room : rooms) {
                Map<String, Object> m = room.lat.summaryMs();
                m.put("loop", room.loop.toString());
                m.put("sent", room.sent);
                per.add(m);
            }
            out.put("perRoom", per);
        }
        out.put("unexpectedFrames", unknown);
        if (p.mode == Mode.SATURATE) out.put("reclaimedSlots", reclaimed);
        out.put("client", clientCpu(cpuStart, cpuEnd));
        if (serverPid > 0) {
            Map<String, Object> srv = serverCpu(cpuStart, cpuEnd, windowReceipts);
            srv.put("rssKiBBefore", rssBefore);
            srv.put("rssKiBEndOfWindow", rssEndWindow);
            srv.put("rssKiBMax", rssTimeline.stream().mapToLong(o -> (Long) ((Map<?, ?>) o).get("rssKiB")).max().orElse(-1));
            if (p.slow) srv.put("rssTimeline", rssTimeline);
            if (p.liveHeapAtEnd) srv.put("jvmLiveHeapKiBAfterDrain", liveHeapKiB);
            out.put("server", srv);
        }
        if (p.slow) out.put("slowClient", slowReport());
        closeAll();
        return out;
    }

    /** {owed, received} over all rooms, read on each room's loop. */
    private long[] totals() throws Exception {
        long owed = 0, got = 0;
        for (Room room : rooms) {
            long[] t = room.loop.submit(() -> new long[] {room.expected, room.receivedMeasured}).get();
            owed += t[0];
            got += t[1];
        }
        return new long[] {owed, got};
    }

    private Map<String, Object> slowReport() throws Exception {
        Room room = rooms.get(0);
        Conn s = room.slow;
        Map<String, Object> r = Json.obj();
        r.put("pausedAtSeconds", p.warmupS);
        r.put("receivedBeforePause", room.loop.submit(() -> room.slowReceivedAtPause).get());
        boolean closedWhilePaused = !s.channel.isActive();
        long[] q = Proc.socketQueues(s.localPort());
        r.put("serverSendQueueBytes", q[0]);
        r.put("clientRecvQueueBytes", q[1]);
        // Resume reading: the backlog arrives, then the close frame if the server closed the socket.
        long before = room.loop.submit(() -> s.received).get();
        s.channel.config().setAutoRead(true);
        s.channel.read();
        long deadline = System.nanoTime() + 5_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline && !s.closed.isDone()) {
            Thread.sleep(200);
            long now = room.loop.submit(() -> s.received).get();
            if (now == last) break;
            last = now;
        }
        s.closed.getNow(null);
        r.put("receivedAfterResume", room.loop.submit(() -> s.received).get() - before);
        r.put("tcpClosedWhilePaused", closedWhilePaused);
        r.put("closedByServer", s.closeCode >= 0 || (!s.channel.isActive() && !s.closedByUs));
        r.put("closeCode", s.closeCode >= 0 ? s.closeCode : null);
        r.put("closeReason", s.closeReason);
        return r;
    }

    private void closeAll() {
        List<CompletableFuture<Conn>> cl = new ArrayList<>();
        for (Room room : rooms) {
            for (Conn c : room.members) {
                c.closeNow();
                cl.add(c.closed);
            }
        }
        try {
            CompletableFuture.allOf(cl.toArray(new CompletableFuture[0])).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // some servers never answer a close; the TCP connections are dropped anyway
        }
    }

    private long[] cpuSample() {
        return Proc.sample(serverPid);
    }

    static Map<String, Object> clientCpu(long[] a, long[] b) {
        Map<String, Object> c = Json.obj();
        double wall = (b[0] - a[0]) / 1e9;
        double cpu = (b[1] - a[1]) / 1e9;
        c.put("cpuSeconds", cpu);
        c.put("wallSeconds", wall);
        c.put("cpuCores", cpu / wall);
        if (a[4] >= 0 && b[4] >= 0) c.put("ioThreadsCpuCores", (b[4] - a[4]) / 1e9 / wall);
        int cores = Runtime.getRuntime().availableProcessors();
        c.put("shareOfMachine", cpu / wall / cores);
        // Everything else running on the machine meanwhile (the server, and any other load: a shared machine).
        double machine = (b[3] - a[3]) / (double) Proc.TICKS_PER_SECOND / wall;
        c.put("machineBusyCores", machine);
        if (b[2] >= 0 && a[2] >= 0) {
            double server = (b[2] - a[2]) / (double) Proc.TICKS_PER_SECOND / wall;
            c.put("otherProcessesCores", Math.max(0, machine - cpu / wall - server));
        }
        c.put("machineCores", cores);
        return c;
    }

    static Map<String, Object> serverCpu(long[] a, long[] b, long deliveries) {
        Map<String, Object> s = Json.obj();
        double wall = (b[0] - a[0]) / 1e9;
        double cpu = (b[2] - a[2]) / (double) Proc.TICKS_PER_SECOND;
        s.put("cpuSeconds", cpu);
        s.put("cpuCores", cpu / wall);
        s.put("cpuMicrosPerDelivery", deliveries > 0 ? cpu * 1e6 / deliveries : null);
        return s;
    }
}
