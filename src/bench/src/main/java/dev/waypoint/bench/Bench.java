package dev.waypoint.bench;

import dev.waypoint.bench.WsClient.Conn;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Load generator for any server speaking the demo protocol at ws://HOST:PORT/PATH?id=ROOM.
 * Prints one JSON line per scenario on stdout (progress goes to stderr). See src/bench/README.md.
 */
public final class Bench {

    private final Map<String, String> o;
    private final URI url;
    private final int serverPid;
    private final String label;
    private final WsClient client;
    private final String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);

    private Bench(Map<String, String> o) {
        this.o = o;
        this.url = URI.create(req("url"));
        this.serverPid = (int) num("server-pid", -1);
        this.label = o.getOrDefault("label", url.getHost() + ":" + url.getPort());
        this.client = new WsClient(url, (int) num("threads", 2));
        if (o.containsKey("reader-url")) {
            client.readersAt(URI.create(o.get("reader-url")));
        }
        Proc.client = client;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = parse(args);
        if (o.containsKey("help") || !o.containsKey("url")) {
            System.err.println(USAGE);
            System.exit(o.containsKey("help") ? 0 : 2);
        }
        URI u = URI.create(o.get("url"));
        if (!"ws".equals(u.getScheme()) || u.getHost() == null || !InetAddress.getByName(u.getHost()).isLoopbackAddress()) {
            System.err.println("refusing: --url must be ws:// on a loopback address (127.0.0.1, localhost, [::1])");
            System.exit(2);
        }
        if (o.containsKey("reader-url")) {
            URI r = URI.create(o.get("reader-url"));
            if (!"ws".equals(r.getScheme()) || r.getHost() == null || !InetAddress.getByName(r.getHost()).isLoopbackAddress()) {
                System.err.println("refusing: --reader-url must be ws:// on a loopback address");
                System.exit(2);
            }
        }
        // Bounded by time whatever happens.
        long maxS = Long.parseLong(o.getOrDefault("max-seconds", "1800"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxS * 1000);
                System.err.println("[bench] --max-seconds " + maxS + " reached, exiting");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // normal end
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Bench b = new Bench(o);
        int rc = 0;
        try {
            rc = b.runAll();
        } finally {
            b.client.close();
        }
        System.exit(rc);
    }

    private int runAll() throws Exception {
        double waitReady = num("wait-ready", 0);
        if (waitReady > 0 && !waitReady(waitReady)) {
            log("server not ready after " + waitReady + " s");
            return 4;
        }
        String list = o.getOrDefault("scenarios", "fanout,saturate,join,ping,idle,slow");
        for (String sc : list.split(",")) {
            sc = sc.trim();
            if (sc.isEmpty()) continue;
            log("scenario " + sc + " on " + url + " (" + label + ")");
            Map<String, Object> line = Json.obj();
            line.put("scenario", sc);
            line.put("label", label);
            line.put("url", url.toString());
            if (o.containsKey("reader-url")) {
                line.put("readerUrl", o.get("reader-url")); // fanout/saturate: members other than the writer connect there
            }
            line.put("date", Instant.now().toString());
            line.put("serverPid", serverPid > 0 ? serverPid : null);
            Map<String, Object> res;
            try {
                res = run(sc, line);
            } catch (Exception e) {
                res = Json.obj();
                res.put("error", e.toString());
            }
            line.putAll(res);
            System.out.println(Json.write(line));
            System.out.flush();
            Thread.sleep((long) (num("pause", 1) * 1000)); // let the server settle between scenarios
        }
        return 0;
    }

    private Map<String, Object> run(String sc, Map<String, Object> line) throws Exception {
        if (sc.equals("fanout") || sc.equals("saturate")) {
            RoomLoad.Params p = roomParams(sc);
            p.mode = sc.equals("fanout") ? RoomLoad.Mode.PACED : RoomLoad.Mode.SATURATE;
            line.put("method", p.mode == RoomLoad.Mode.PACED
                    ? String.format(Locale.ROOT, "%d rooms x %d clients, one writer per room (member 0), writers paced at %.0f setPin/s in total (1 ms ticks, catch-up), %.0f s warm-up then %.0f s measured, %.0f s drain; latency = receipt - send per recipient (sender included) for setPins sent in the window; lost = owed - received after drain; client CPU from the JVM's process CPU time over the window; server CPU = utime+stime of the server's process tree (/proc) over the window / deliveries in the window",
                            p.rooms, p.clients, p.totalRate, p.warmupS, p.durationS, p.drainS)
                    : String.format(Locale.ROOT, "%d rooms x %d clients, one writer per room, each writer keeps %d setPins in flight (a slot frees when it receives its own pinUpdate), %.0f s warm-up then %.0f s measured; deliveries/s = receipts in the window / window; latency per recipient for setPins sent in the window; client CPU = JVM process CPU / wall; server CPU = utime+stime of the process tree",
                            p.rooms, p.clients, p.window, p.warmupS, p.durationS));
            line.put("params", paramsOf(p));
            line.put("clientThreads", client.threads);
            line.put("transport", client.epoll ? "netty-epoll" : "netty-nio");
            return new RoomLoad(client, p, serverPid).run();
        }
        if (sc.equals("warmup")) return warmup(line);
        if (sc.equals("slow")) return slow(line);
        if (sc.equals("join")) return join(line);
        if (sc.equals("ping")) return ping(line);
        if (sc.equals("idle") || sc.startsWith("idle:") || sc.equals("idle10k")) {
            int n = sc.equals("idle10k") ? 10_000 : sc.startsWith("idle:") ? Integer.parseInt(sc.substring(5)) : (int) num("idle-conns", 2000);
            return idle(n, line);
        }
        throw new IllegalArgumentException("unknown scenario " + sc);
    }

    private RoomLoad.Params roomParams(String sc) {
        RoomLoad.Params p = new RoomLoad.Params();
        p.prefix = "b" + runId + "-" + sc + "-" + System.nanoTime() % 100000;
        p.rooms = (int) num("rooms", 10);
        p.clients = (int) num("clients", 20);
        p.totalRate = num("rate", 2000);
        p.window = (int) num("window", 64);
        p.warmupS = num("warmup", 2);
        p.durationS = num("duration", 10);
        p.drainS = num("drain", 5);
        return p;
    }

    private static Map<String, Object> paramsOf(RoomLoad.Params p) {
        Map<String, Object> m = Json.obj();
        m.put("rooms", p.rooms);
        m.put("clientsPerRoom", p.clients);
        if (p.mode == RoomLoad.Mode.PACED) m.put("setPinRate", p.totalRate);
        else m.put("inFlightPerWriter", p.window);
        m.put("warmupSeconds", p.warmupS);
        m.put("durationSeconds", p.durationS);
        m.put("drainSecondsMax", p.drainS);
        if (p.slow) m.put("slowRcvBuf", p.slowRcvBuf);
        return m;
    }

    // ---------------------------------------------------------------------------------------------- warmup

    /** The load of each warm-up phase, in turn. */
    private static final List<String> WARMUP_CYCLE = List.of("fanout", "join", "join", "saturate", "join", "join");

    /** What a warm-up phase reports: the path in the scenario's result, and the name in the phase. */
    private static final String[][] WARMUP_FIELDS = {{"deliveriesPerSec", "deliveriesPerSec"},
            {"lostDeliveries", "lostDeliveries"}, {"noPinWithin10s", "noPinWithin10s"}, {"latencyMs.p50", "p50Ms"},
            {"latencyMs.p99", "p99Ms"}, {"server.cpuMicrosPerDelivery", "serverCpuMicrosPerDelivery"},
            {"error", "error"}};

    /**
     * Runs {@link #WARMUP_CYCLE} in turn, each as it is measured, until {@code --warmup-seconds} have passed (a phase
     * is started only before then: bounded by that plus one phase). Nothing of it enters the comparison; the
     * line lists each phase's figures, so a server's cold start stays visible. A JVM server compiles its hot paths
     * for minutes under load (RESULTS.md: Payara's C2 compiler thread took a quarter to a third of the server's CPU in
     * a fanout run a minute after start); every peer gets the same warm-up, so each is measured in its steady state.
     */
    private Map<String, Object> warmup(Map<String, Object> line) throws Exception {
        double seconds = num("warmup-seconds", 180);
        line.put("method", String.format(Locale.ROOT,
                "not measured: %s in turn, each as its own scenario with the same options, until %.0f s have passed"
                        + " (a phase starts only before then); phases lists each one's figures",
                String.join(", ", WARMUP_CYCLE), seconds));
        List<Object> phases = new ArrayList<>();
        Map<String, Object> cold = Json.obj();
        long start = System.nanoTime();
        for (int i = 0; (System.nanoTime() - start) / 1e9 < seconds; i++) {
            String sc = WARMUP_CYCLE.get(i % WARMUP_CYCLE.size());
            double at = (System.nanoTime() - start) / 1e9;
            log("warm-up phase " + (i + 1) + ": " + sc + " at " + Math.round(at) + " s");
            Map<String, Object> res = run(sc, Json.obj());
            Map<String, Object> phase = Json.obj();
            phase.put("scenario", sc);
            phase.put("startSeconds", Math.round(at * 10) / 10.0);
            for (String[] field : WARMUP_FIELDS) {
                Object v = Json.get(res, field[0]);
                if (v != null) phase.put(field[1], v);
            }
            phases.add(phase);
            // The first phase of each kind is the server's cold figure: the comparison shows it beside the warm one.
            cold.putIfAbsent("cold" + Character.toUpperCase(sc.charAt(0)) + sc.substring(1), phase);
            Thread.sleep((long) (num("pause", 1) * 1000));
        }
        Map<String, Object> params = Json.obj();
        params.put("warmupSeconds", seconds);
        Map<String, Object> r = Json.obj();
        r.put("params", params);
        r.put("elapsedSeconds", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        r.putAll(cold);
        r.put("phases", phases);
        return r;
    }

    // ---------------------------------------------------------------------------------------------- slow

    private Map<String, Object> slow(Map<String, Object> line) throws Exception {
        RoomLoad.Params p = roomParams("slow");
        p.rooms = (int) num("slow-rooms", 1);
        p.clients = (int) num("slow-clients", 20);
        p.totalRate = num("slow-rate", 2000);
        p.durationS = num("slow-duration", 20);
        p.slowRcvBuf = (int) num("slow-rcvbuf", 4096);
        p.liveHeapAtEnd = true;
        p.mode = RoomLoad.Mode.PACED;
        line.put("method", String.format(Locale.ROOT,
                "two runs of the same paced load (%d room(s) x %d clients, %.0f setPin/s in total, %.0f s warm-up, %.0f s measured): 'baseline' with every client reading, then 'withSlow' where client 1 of room 0 (SO_RCVBUF %d) stops reading at the start of the window (Netty autoRead off, so TCP backs up into the server). Latency and lost count the other clients only. Server RSS of the process tree sampled every second; a JVM server's live heap is read after each run's drain (jcmd GC.run, then GC.heap_info 'used'; the slow client has not read again yet). At the end the slow client's kernel queues are read from /proc/net/tcp, then it reads again for up to 5 s to see the backlog and any close frame from the server.",
                p.rooms, p.clients, p.totalRate, p.warmupS, p.durationS, p.slowRcvBuf));
        line.put("params", paramsOf(p));
        line.put("clientThreads", client.threads);
        Map<String, Object> base = new RoomLoad(client, p, serverPid).run();
        Thread.sleep(1000);
        RoomLoad.Params q = roomParams("slowx");
        q.rooms = p.rooms;
        q.clients = p.clients;
        q.totalRate = p.totalRate;
        q.durationS = p.durationS;
        q.slowRcvBuf = p.slowRcvBuf;
        q.mode = RoomLoad.Mode.PACED;
        q.slow = true;
        q.liveHeapAtEnd = true;
        Map<String, Object> with = new RoomLoad(client, q, serverPid).run();
        Map<String, Object> r = Json.obj();
        Double bp = Json.num(base, "latencyMs.p99"), wp = Json.num(with, "latencyMs.p99");
        r.put("othersP99RatioSlowVsBaseline", bp != null && wp != null && bp > 0 ? wp / bp : null);
        Double br = Json.num(base, "server.rssKiBMax"), wr = Json.num(with, "server.rssKiBMax");
        r.put("serverRssKiBMaxBaseline", br);
        r.put("serverRssKiBMaxWithSlow", wr);
        // A JVM server: its live heap after a full collection at the end of each run (null for other servers).
        r.put("serverJvmLiveHeapKiBBaseline", Json.get(base, "server.jvmLiveHeapKiBAfterDrain"));
        r.put("serverJvmLiveHeapKiBWithSlow", Json.get(with, "server.jvmLiveHeapKiBAfterDrain"));
        r.put("slowClientClosedByServer", Json.get(with, "slowClient.closedByServer"));
        r.put("slowClientCloseCode", Json.get(with, "slowClient.closeCode"));
        r.put("baseline", base);
        r.put("withSlow", with);
        return r;
    }

    // ---------------------------------------------------------------------------------------------- join

    private static final class FirstPin implements WsClient.Listener {
        final CompletableFuture<Long> first = new CompletableFuture<>();

        @Override
        public void onText(Conn c, ByteBuf buf, long now) {
            String text = buf.toString(StandardCharsets.UTF_8);
            if (Proto.isPinUpdate(text)) first.complete(now);
        }
    }

    private Map<String, Object> join(Map<String, Object> line) throws Exception {
        int total = (int) num("joins", 500);
        int batch = (int) num("join-batch", 10);
        double refreshS = num("join-refresh", 5);
        String room = "b" + runId + "-join-" + System.nanoTime() % 100000;
        line.put("method", String.format(Locale.ROOT,
                "%d new connections to one room that has a pin, in batches of %d opened at once (next batch after the previous one completes); latency = TCP connect start -> first pinUpdate frame; handshake = connect start -> 101 received. A setter connection sets the pin right before the first batch and again before any batch when more than %.0f s passed (the demo forgets its pin after ~10 s idle); joined sockets stay open until the end",
                total, batch, refreshS));
        Map<String, Object> params = Json.obj();
        params.put("joins", total);
        params.put("batch", batch);
        line.put("params", params);

        Setter setterL = new Setter();
        Conn setter = client.connect(room, -1, null, setterL, 0);
        setter.opened.get(30, TimeUnit.SECONDS);
        List<Conn> all = new ArrayList<>();
        all.add(setter);
        Stats lat = new Stats(), hs = new Stats();
        int missing = 0, failed = 0, refreshes = 0;
        long lastSet = 0;
        long rssBefore = serverPid > 0 ? Proc.treeRssKiB(serverPid) : -1;
        long[] cpuA = Proc.sample(serverPid);
        long joinDeadline = System.nanoTime() + (long) (num("join-max-seconds", 120) * 1e9);
        boolean stoppedEarly = false;
        for (int done = 0; done < total; done += batch) {
            if (System.nanoTime() > joinDeadline) {
                stoppedEarly = true;
                break;
            }
            if (System.nanoTime() - lastSet > refreshS * 1e9) {
                setterL.setPin(setter, 777_000_000L + refreshes);
                refreshes++;
                lastSet = System.nanoTime();
            }
            int n = Math.min(batch, total - done);
            List<Conn> bc = new ArrayList<>();
            List<FirstPin> bl = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                FirstPin l = new FirstPin();
                bl.add(l);
                bc.add(client.connect(room, done + i, null, l, 0));
            }
            for (int i = 0; i < n; i++) {
                Conn c = bc.get(i);
                all.add(c);
                try {
                    long t = bl.get(i).first.get(10, TimeUnit.SECONDS);
                    lat.add(t - c.connectStartNanos);
                    hs.add(c.openNanos - c.connectStartNanos);
                } catch (Exception e) {
                    if (c.opened.isCompletedExceptionally() || !c.opened.isDone()) failed++;
                    else missing++;
                }
            }
        }
        long[] cpuB = Proc.sample(serverPid);
        long rssAfter = serverPid > 0 ? Proc.treeRssKiB(serverPid) : -1;
        closeAll(all);
        Map<String, Object> r = Json.obj();
        r.put("joined", lat.size());
        r.put("noPinWithin10s", missing);
        r.put("failedToConnect", failed);
        r.put("pinRefreshes", refreshes);
        if (stoppedEarly) r.put("stoppedAtDeadline", true);
        r.put("latencyMs", lat.summaryMs());
        r.put("handshakeMs", hs.summaryMs());
        r.put("client", RoomLoad.clientCpu(cpuA, cpuB));
        if (serverPid > 0) {
            Map<String, Object> srv = Json.obj();
            srv.put("cpuSeconds", (cpuB[2] - cpuA[2]) / (double) Proc.TICKS_PER_SECOND);
            srv.put("rssKiBBefore", rssBefore);
            srv.put("rssKiBAfter", rssAfter);
            r.put("server", srv);
        }
        return r;
    }

    /** The join room's pin setter: sends a setPin and waits for its own pinUpdate. */
    private static final class Setter implements WsClient.Listener {
        volatile CompletableFuture<Long> echo;

        @Override
        public void onText(Conn c, ByteBuf buf, long now) {
            String text = buf.toString(StandardCharsets.UTF_8);
            CompletableFuture<Long> e = echo;
            if (e != null && Proto.isPinUpdate(text)) e.complete(now);
        }

        void setPin(Conn setter, long seq) throws Exception {
            CompletableFuture<Long> e = new CompletableFuture<>();
            echo = e;
            setter.send(Proto.setPin(seq));
            e.get(10, TimeUnit.SECONDS);
        }
    }

    // ---------------------------------------------------------------------------------------------- ping

    private final class Pinger implements WsClient.Listener {
        final long[] sendNanos;
        final Stats rtt = new Stats();
        int seq;
        long sentMeasured, receivedMeasured;
        long measureStart, measureEnd;
        Conn conn;
        ScheduledFuture<?> task;

        Pinger(int capacity) {
            sendNanos = new long[capacity];
        }

        @Override
        public void onText(Conn c, ByteBuf buf, long now) {
            String text = buf.toString(StandardCharsets.UTF_8);
            if (!Proto.isPong(text)) return;
            String id = Proto.string(text, "\"id\"");
            if (id == null) return;
            int dash = id.lastIndexOf('-');
            int s;
            try {
                s = Integer.parseInt(id.substring(dash + 1));
            } catch (RuntimeException e) {
                return;
            }
            if (s < 0 || s >= seq) return;
            long t = sendNanos[s];
            if (t >= measureStart && t < measureEnd) {
                receivedMeasured++;
                rtt.add(now - t);
            }
        }

        void tick() {
            long now = System.nanoTime();
            if (now >= measureEnd || seq >= sendNanos.length) {
                task.cancel(false);
                return;
            }
            sendNanos[seq] = now;
            conn.send(Proto.ping("p" + conn.index + "-" + seq, System.currentTimeMillis()));
            seq++;
            if (now >= measureStart) sentMeasured++;
        }
    }

    private Map<String, Object> ping(Map<String, Object> line) throws Exception {
        int n = (int) num("ping-clients", 10);
        double intervalMs = num("ping-interval-ms", 10);
        double warm = num("warmup", 2), dur = num("duration", 10);
        String room = "b" + runId + "-ping-" + System.nanoTime() % 100000;
        line.put("method", String.format(Locale.ROOT,
                "%d clients in one room, each sends a ping every %.0f ms (id carries a sequence number); RTT = pong receipt - ping send, for pings sent in the %.0f s window after %.0f s warm-up; lost = pings sent in the window without pong within 2 s after it",
                n, intervalMs, dur, warm));
        Map<String, Object> params = Json.obj();
        params.put("clients", n);
        params.put("intervalMs", intervalMs);
        params.put("warmupSeconds", warm);
        params.put("durationSeconds", dur);
        line.put("params", params);
        int cap = (int) ((warm + dur + 2) * 1000 / intervalMs) + 100;
        List<Pinger> ps = new ArrayList<>();
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pinger p = new Pinger(cap);
            p.conn = client.connect(room, i, null, p, 0);
            ps.add(p);
            conns.add(p.conn);
        }
        for (Conn c : conns) c.opened.get(30, TimeUnit.SECONDS);
        long t0 = System.nanoTime() + 100_000_000L;
        long ms = t0 + (long) (warm * 1e9), me = ms + (long) (dur * 1e9);
        for (Pinger p : ps) {
            p.conn.channel.eventLoop().submit(() -> {
                p.measureStart = ms;
                p.measureEnd = me;
                p.task = p.conn.channel.eventLoop().scheduleAtFixedRate(p::tick,
                        Math.max(0, t0 - System.nanoTime()) + ThreadLocalRandom.current().nextLong((long) (intervalMs * 1e6)),
                        (long) (intervalMs * 1e6), TimeUnit.NANOSECONDS);
            }).get();
        }
        TimeUnit.NANOSECONDS.sleep(Math.max(0, ms - System.nanoTime()));
        long[] a = Proc.sample(serverPid);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, me - System.nanoTime()));
        long[] b = Proc.sample(serverPid);
        Thread.sleep(2000);
        List<Stats> all = new ArrayList<>();
        long sent = 0, got = 0;
        for (Pinger p : ps) {
            long[] t = p.conn.channel.eventLoop().submit(() -> new long[] {p.sentMeasured, p.receivedMeasured}).get();
            sent += t[0];
            got += t[1];
            all.add(p.rtt);
        }
        closeAll(conns);
        Map<String, Object> r = Json.obj();
        r.put("pingsSent", sent);
        r.put("pongsReceived", got);
        r.put("lost", sent - got);
        r.put("rttMs", Stats.merge(all).summaryMs());
        r.put("client", RoomLoad.clientCpu(a, b));
        if (serverPid > 0) r.put("server", RoomLoad.serverCpu(a, b, got));
        return r;
    }

    // ---------------------------------------------------------------------------------------------- idle

    private Map<String, Object> idle(int n, Map<String, Object> line) throws Exception {
        int roomsN = (int) num("idle-rooms", 100);
        double hold = num("idle-hold", 10);
        int parallel = (int) num("idle-parallel", 100);
        String prefix = "b" + runId + "-idle-" + System.nanoTime() % 100000;
        line.put("method", String.format(Locale.ROOT,
                "%d WebSocket connections across %d rooms (no pins, no messages), at most %d handshakes at once, opening bounded to --idle-open-seconds; server RSS = sum of VmRSS over the server's process tree (/proc/PID/status) 1 s before opening and after holding %.0f s; per connection = (after - before) / connections still open at the end; a connection counts as held if the client has seen no close and the TCP socket is active",
                n, roomsN, parallel, hold));
        Map<String, Object> params = Json.obj();
        params.put("connections", n);
        params.put("rooms", roomsN);
        params.put("holdSeconds", hold);
        params.put("parallelHandshakes", parallel);
        line.put("params", params);
        Thread.sleep(1000);
        System.gc();
        long rssBefore = serverPid > 0 ? Proc.treeRssKiB(serverPid) : -1;
        WsClient.Listener ignore = (c, t, now) -> {};
        Semaphore sem = new Semaphore(parallel);
        List<Conn> conns = new ArrayList<>(n);
        long t0 = System.nanoTime();
        // Opening is bounded in time: a server that stops answering handshakes must not stall the run.
        long openDeadline = t0 + (long) (num("idle-open-seconds", 60) * 1e9);
        int notAttempted = 0;
        for (int i = 0; i < n; i++) {
            long left = openDeadline - System.nanoTime();
            if (left <= 0 || !sem.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                notAttempted = n - i;
                break;
            }
            Conn c = client.connect(prefix + "-" + (i % roomsN), i, null, ignore, 0);
            c.opened.whenComplete((x, e) -> sem.release());
            conns.add(c);
        }
        int opened = 0, failed = 0;
        String firstError = null;
        for (Conn c : conns) {
            try {
                c.opened.get(Math.max(1, openDeadline + 10_000_000_000L - System.nanoTime()), TimeUnit.NANOSECONDS);
                opened++;
            } catch (Exception e) {
                failed++;
                if (firstError == null) firstError = String.valueOf(c.error != null ? c.error : e);
            }
        }
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        log(opened + " of " + n + " open after " + String.format(Locale.ROOT, "%.1f", openSeconds) + " s; holding " + hold + " s");
        long rssOpen = serverPid > 0 ? Proc.treeRssKiB(serverPid) : -1;
        long[] a = Proc.sample(serverPid);
        Thread.sleep((long) (hold * 1000));
        long[] b = Proc.sample(serverPid);
        long rssHold = serverPid > 0 ? Proc.treeRssKiB(serverPid) : -1;
        int held = 0, closedByServer = 0;
        Map<Integer, Integer> codes = new HashMap<>();
        for (Conn c : conns) {
            if (c.isOpen()) held++;
            else if (c.opened.isDone() && !c.opened.isCompletedExceptionally()) {
                closedByServer++;
                codes.merge(c.closeCode, 1, Integer::sum);
            }
        }
        closeAll(conns);
        Map<String, Object> r = Json.obj();
        r.put("requested", n);
        r.put("opened", opened);
        r.put("failedToOpen", failed);
        r.put("notAttemptedBeforeDeadline", notAttempted);
        if (firstError != null) r.put("firstError", firstError);
        r.put("held", held);
        r.put("allHeld", held == n);
        r.put("closedDuringHold", closedByServer);
        if (!codes.isEmpty()) r.put("closeCodes", codes.toString());
        r.put("openSeconds", openSeconds);
        r.put("client", RoomLoad.clientCpu(a, b));
        if (serverPid > 0) {
            Map<String, Object> srv = Json.obj();
            srv.put("rssKiBBefore", rssBefore);
            srv.put("rssKiBAfterOpen", rssOpen);
            srv.put("rssKiBAfterHold", rssHold);
            srv.put("rssKiBPerConnection", held > 0 ? (rssHold - rssBefore) / (double) held : null);
            srv.put("rssKiBPerConnectionAfterOpen", opened > 0 ? (rssOpen - rssBefore) / (double) opened : null);
            srv.put("cpuSecondsDuringHold", (b[2] - a[2]) / (double) Proc.TICKS_PER_SECOND);
            srv.put("threads", Proc.treeThreads(serverPid));
            r.put("server", srv);
        }
        return r;
    }

    // ---------------------------------------------------------------------------------------------- misc

    private boolean waitReady(double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int attempts = 0;
        while (System.nanoTime() < deadline) {
            if (serverPid > 0 && !Proc.alive(serverPid)) {
                log("server process " + serverPid + " is gone");
                return false;
            }
            attempts++;
            Conn c = client.connect("bench-ready", 0, null, (x, t, now) -> {}, 0);
            try {
                c.opened.get(5, TimeUnit.SECONDS);
                c.closeNow();
                log("ready after " + attempts + " attempt(s)");
                return true;
            } catch (Exception e) {
                c.closeNow();
                Thread.sleep(500);
            }
        }
        return false;
    }

    private static void closeAll(List<Conn> conns) {
        for (Conn c : conns) c.closeNow();
        try {
            CompletableFuture.allOf(conns.stream().map(c -> c.closed).toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // ignore: the sockets are dropped anyway
        }
    }

    private String req(String k) {
        String v = o.get(k);
        if (v == null) throw new IllegalArgumentException("--" + k + " is required");
        return v;
    }

    private double num(String k, double def) {
        String v = o.get(k);
        return v == null ? def : Double.parseDouble(v);
    }

    static void log(String s) {
        System.err.println("[bench] " + s);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + a);
            String k = a.substring(2);
            int eq = k.indexOf('=');
            if (eq >= 0) {
                m.put(k.substring(0, eq), k.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(k, args[++i]);
            } else {
                m.put(k, "true");
            }
        }
        return m;
    }

    static final String USAGE = """
            usage: java -jar waypoint-bench.jar --url ws://127.0.0.1:PORT/api/map [options]
              --scenarios LIST      comma list of fanout,saturate,join,ping,idle,idle10k,idle:N,slow,warmup
                                    (default fanout,saturate,join,ping,idle,slow)
              --warmup-seconds 180  warmup: fanout, join, saturate in turn (join 4 times a cycle), not measured, this long
              --label NAME          name printed in each line (default host:port)
              --reader-url URL      fanout/saturate: every member but each room's writer connects here (another
                                    instance of a cluster), the writer to --url: cross-instance delivery
              --server-pid PID      server process (its tree is measured: RSS, CPU)
              --wait-ready S        first wait up to S seconds for a WebSocket handshake to succeed
              --threads N           client event loop threads (default 2)
              --rooms 10 --clients 20 --rate 2000 --window 64 --warmup 2 --duration 10 --drain 5
              --joins 500 --join-batch 10 --join-refresh 5 --join-max-seconds 120
              --ping-clients 10 --ping-interval-ms 10
              --idle-conns 2000 --idle-rooms 100 --idle-hold 10 --idle-parallel 100 --idle-open-seconds 60
              --slow-rooms 1 --slow-clients 20 --slow-rate 2000 --slow-duration 20 --slow-rcvbuf 4096
              --pause 1             seconds between scenarios
              --max-seconds 1800    hard stop of the whole run
            """;
}
