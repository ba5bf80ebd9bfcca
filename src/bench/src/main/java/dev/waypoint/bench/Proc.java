package dev.waypoint.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads /proc: the server's process tree (the PID given and all its descendants, e.g. wrangler's workerd
 * children), its resident memory (sum of VmRSS) and CPU time (utime+stime, USER_HZ = 100 ticks/s), this
 * client's own CPU time, and kernel socket queues from /proc/net/tcp{,6}.
 */
final class Proc {
    private Proc() {}

    static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    static List<Integer> tree(int root) {
        Map<Integer, List<Integer>> kids = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : ds) {
                String[] f = statFields(p.resolve("stat"));
                if (f == null) continue;
                int pid = Integer.parseInt(p.getFileName().toString());
                int ppid = Integer.parseInt(f[1]);
                kids.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
            }
        } catch (IOException e) {
            // fall through with what we have
        }
        List<Integer> out = new ArrayList<>();
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.add(root);
        while (!q.isEmpty()) {
            int p = q.poll();
            out.add(p);
            q.addAll(kids.getOrDefault(p, List.of()));
        }
        return out;
    }

    /** Fields after the command name: [0]=state, [1]=ppid, ... [11]=utime, [12]=stime. */
    private static String[] statFields(Path stat) {
        try {
            String s = Files.readString(stat);
            int close = s.lastIndexOf(')');
            return s.substring(close + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean alive(int pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }

    /** Sum of VmRSS over the tree, KiB; -1 when the PID is gone. */
    static long treeRssKiB(int root) {
        if (!alive(root)) return -1;
        long sum = 0;
        for (int p : tree(root)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // process ended meanwhile
            }
        }
        return sum;
    }

    /**
     * The live heap of a JVM server, KiB: {@code jcmd PID GC.run} (a full collection), then the "used" of
     * {@code jcmd PID GC.heap_info}. Null when the process is not a JVM (its command is not {@code java}) or jcmd
     * fails. RSS cannot show whether a JVM holds on to memory: the JVM grows its heap before it collects, and rarely
     * gives it back.
     */
    static Long jvmLiveHeapKiB(int pid) {
        try {
            String cmd = Files.readString(Path.of("/proc/" + pid + "/cmdline")).split("\0", 2)[0];
            if (!cmd.equals("java") && !cmd.endsWith("/java")) return null;
            if (run("jcmd", String.valueOf(pid), "GC.run") == null) return null;
            String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
            if (info == null) return null;
            var m = java.util.regex.Pattern.compile("heap\\s+total \\d+K, used (\\d+)K").matcher(info);
            return m.find() ? Long.valueOf(m.group(1)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** utime+stime of the tree in ticks (1/100 s); -1 when the PID is gone. */
    static long treeCpuTicks(int root) {
        if (!alive(root)) return -1;
        long sum = 0;
        for (int p : tree(root)) {
            String[] f = statFields(Path.of("/proc/" + p + "/stat"));
            if (f == null) continue;
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return sum;
    }

    static int treeThreads(int root) {
        int n = 0;
        for (int p : tree(root)) {
            String[] f = statFields(Path.of("/proc/" + p + "/stat"));
            if (f != null) n += Integer.parseInt(f[17]);
        }
        return n;
    }

    /** Busy ticks of the whole machine (all CPUs) from /proc/stat: user+nice+system+irq+softirq+steal. */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(f[i]);
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {nanoTime, client CPU ns, server tree CPU ticks (-1 without pid), machine busy ticks, client loop threads' CPU ns}. */
    static volatile WsClient client;

    static long[] sample(int serverPid) {
        WsClient c = client;
        return new long[] {System.nanoTime(), clientCpuNanos(), serverPid > 0 ? treeCpuTicks(serverPid) : -1, machineBusyTicks(),
            c != null ? c.loopCpuNanos() : -1};
    }

    /** This JVM's CPU time (all threads), nanoseconds. */
    static long clientCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return -1;
    }

    /**
     * Kernel queues of the loopback TCP connection whose client side uses {@code clientPort}:
     * {serverSendQueueBytes, clientRecvQueueBytes} (tx_queue of the server's socket, rx_queue of the client's).
     */
    static long[] socketQueues(int clientPort) {
        long serverTx = -1, clientRx = -1;
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 5 || !f[1].contains(":")) continue;
                    int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                    int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                    String[] q = f[4].split(":");
                    if (q.length != 2) continue;
                    if (local == clientPort) clientRx = Long.parseLong(q[1], 16);
                    if (remote == clientPort) serverTx = Long.parseLong(q[0], 16);
                }
            } catch (IOException | RuntimeException e) {
                // not available
            }
        }
        return new long[] {serverTx, clientRx};
    }
}
