package dev.waypoint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The built WAR on Payara Micro in a separate OS process, for tests that kill the server (kill -9) and start it
 * again: the README's run command with settings of the test's own.
 *
 * <pre>{@code
 * try (PayaraMicroProcess server = new PayaraMicroProcess("crash").env("WAYPOINT_DATA_DIR", dir.toString())) {
 *     server.start().awaitReady();
 *     ...
 *     server.kill();                 // SIGKILL, no shutdown hooks
 *     server.start().awaitReady();   // same port
 *     ...
 * }                                  // close(): stops whatever still runs
 * }</pre>
 *
 * <p>Every start is {@code java -Dhazelcast.phone.home.enabled=false -Xmx512m <waypoint.it.jvmOptions> <JVM options> <-D properties> -jar
 * payara-micro.jar --nocluster --disablephonehome --postbootcommandfile payara-config/post-boot-commands.asadmin
 * --deploy waypoint.war --contextroot / --port P <Micro options>}, with the jar, the WAR and the project directory
 * from the system properties {@code payara.microJar}, {@code waypoint.war} and {@code project.basedir} that failsafe
 * passes (pom.xml). Each start writes its output to its own file, {@code target/payara-micro-process/NAME-N.log}.
 *
 * <p>The server's temporary directory ({@code java.io.tmpdir}, where Payara Micro unpacks its runtime unless given
 * {@code --rootdir}) is under {@code target/} too and kept across restarts, as /tmp is across a real restart: a
 * killed server cannot clean it up, and {@link #close()} deletes it.
 *
 * <p>Never leaves a server running: use it in try-with-resources; a JVM shutdown hook also kills what a test forgot.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** How long a server may leave {@code GET /} unanswered after its log said "ready in" before it is dumped. */
    static final Duration UNANSWERED_AFTER_READY = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PORT_FREE_TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(Process::destroyForcibly), "payara-micro-process-kill"));
    }

    private final String name;
    private final Path workDir;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> microOptions = new ArrayList<>();
    private int port;
    private List<String> clusterOptions = List.of("--nocluster");
    private Process process;
    private Path logFile;

    /** A server on a free port, named (for its log files) {@code name}. */
    public PayaraMicroProcess(String name) {
        this(name, 0);
    }

    /** A server on the given port ({@code 0}: a free one, chosen now and kept for every restart). */
    public PayaraMicroProcess(String name, int port) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a name for file names: " + name);
        }
        this.name = name;
        this.port = port == 0 ? freePort() : port;
        this.workDir = Paths.get(setting("project.basedir", "."), "target", "payara-micro-process");
    }

    /** A JVM option, after the default {@code -Xmx512m} (so a later {@code -Xmx} wins). */
    public PayaraMicroProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public PayaraMicroProcess systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    /** An environment variable of the server process, e.g. {@code WAYPOINT_DATA_DIR}. */
    public PayaraMicroProcess env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /**
     * Makes this server one instance of a cluster on loopback instead of {@code --nocluster}: Hazelcast joins by
     * TCP-IP the members at {@code 127.0.0.1:}{@code memberPorts}, of which it is the one at {@code own}, named
     * {@code clusterName}, bound to 127.0.0.1 only. The README's cluster commands, with the ports of a test.
     */
    public PayaraMicroProcess cluster(String clusterName, List<Integer> memberPorts, int own) {
        StringBuilder members = new StringBuilder("tcpip:");
        for (int i = 0; i < memberPorts.size(); i++) {
            members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(memberPorts.get(i));
        }
        clusterOptions = List.of("--clustermode", members.toString(), "--interfaces", "127.0.0.1",
                "--startport", Integer.toString(memberPorts.get(own)), "--clustername", clusterName);
        return this;
    }

    /** A Payara Micro switch after the fixed ones, e.g. {@code --rootdir}, {@code DIR}. */
    public PayaraMicroProcess microOption(String... option) {
        microOptions.addAll(List.of(option));
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The output of the latest start. */
    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's OS process id (of the latest start). */
    public long pid() {
        return process.pid();
    }

    /**
     * Starts the server (not yet ready: see {@link #awaitReady()}). Waits first until the port is free, since after
     * a kill the old process may still hold it for a moment.
     */
    public synchronized PayaraMicroProcess start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        Path microJar = existing("payara.microJar", "the Payara Micro jar");
        Path war = existing("waypoint.war", "the WAR");
        Path postBoot = Paths.get(setting("project.basedir", "."), "payara-config", "post-boot-commands.asadmin");
        awaitPortFree();

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dhazelcast.phone.home.enabled=false");
        command.add("-Xmx512m"); // as arquillian.xml: two cores and other servers share the machine
        for (String option : setting("waypoint.it.jvmOptions", "").split(" ")) { // quicker to start (pom.xml)
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(jvmOptions);
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Djava.io.tmpdir=" + tmpDir());
        command.addAll(List.of("-jar", microJar.toString(),
                "--disablephonehome",
                "--postbootcommandfile", postBoot.toString(),
                "--deploy", war.toString(), "--contextroot", "/",
                "--port", Integer.toString(port)));
        command.addAll(clusterOptions);
        command.addAll(microOptions);

        try {
            Files.createDirectories(tmpDir());
            logFile = workDir.resolve(name + "-" + STARTS.incrementAndGet() + ".log");
            Files.deleteIfExists(logFile);
            Files.writeString(logFile, "# " + String.join(" ", command) + "\n# environment " + environment.keySet() + "\n");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().put("HZ_PHONE_HOME_ENABLED", "false");
            builder.environment().putAll(environment);
            process = builder.start();
            RUNNING.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Payara Micro: " + String.join(" ", command), e);
        }
        return this;
    }

    /**
     * Waits until {@code GET /} answers 200 (at most {@link #READY_TIMEOUT}); fails at once, with the end of the log,
     * if the process exits first.
     */
    public PayaraMicroProcess awaitReady() {
        return awaitReady(List.of());
    }

    /**
     * {@link #awaitReady()}, for a server that runs with {@code peers} (a cluster's other instances). If the server
     * does not answer {@link #UNANSWERED_AFTER_READY} after its log said it was ready, or not at all within
     * {@link #READY_TIMEOUT}, a thread dump of it and of each running peer is written to {@code target/hang-dumps/}
     * ({@link #threadDump}), so that a server that hangs leaves evidence of why; the waiting and its outcome are the
     * same either way.
     */
    public PayaraMicroProcess awaitReady(List<PayaraMicroProcess> peers) {
        // HTTP/1.1, not the client's default HTTP/2: its first request asks to upgrade the connection (h2c), and a
        // request to a starting Payara that times out after the upgrade left that connection in the client's pool,
        // where every later poll timed out too while the server answered new connections at once (seen here: a
        // server "ready in" 19 s, GET / unanswered on that connection for the next 150 s, 200 on a new one). An
        // HTTP/1.1 connection whose request timed out is closed, so the next poll opens a new one.
        HttpClient client = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest request = HttpRequest.newBuilder(baseUri()).timeout(Duration.ofSeconds(10)).GET().build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Instant loggedReady = null;
        boolean dumped = false;
        String last = "no answer yet";
        while (true) {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited before it was ready"
                        + (process == null ? "" : " (exit " + process.exitValue() + ")") + "\n" + logTail());
            }
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
                last = "GET / answered " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (loggedReady == null && logSaysReady()) {
                loggedReady = Instant.now();
            }
            if (!dumped && loggedReady != null && Instant.now().isAfter(loggedReady.plus(UNANSWERED_AFTER_READY))) {
                dumped = true;
                dumpWith(peers, "logged ready but GET / unanswered for " + UNANSWERED_AFTER_READY + " (" + last + ")");
            }
            if (Instant.now().isAfter(deadline)) {
                String dumps = dumpWith(peers, "not ready within " + READY_TIMEOUT + " (" + last + ")");
                throw new IllegalStateException(name + " not ready within " + READY_TIMEOUT + " (" + last + "); "
                        + dumps + "\n" + logTail());
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private String dumpWith(List<PayaraMicroProcess> peers, String why) {
        // Whether the server answers a new connection at all: tells a server that hangs from a connection that does.
        why += "; GET / on a new connection: HTTP/1.1 " + probe(HttpClient.Version.HTTP_1_1)
                + ", HTTP/2 (h2c upgrade) " + probe(HttpClient.Version.HTTP_2);
        List<String> files = new ArrayList<>();
        files.add(String.valueOf(threadDump(why)));
        for (PayaraMicroProcess peer : peers) {
            if (peer != this && peer.isRunning()) {
                files.add(String.valueOf(peer.threadDump("peer of " + name + ", which was " + why)));
            }
        }
        return "thread dumps: " + String.join(", ", files);
    }

    private String probe(HttpClient.Version version) {
        HttpClient fresh = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).version(version)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = fresh.send(HttpRequest.newBuilder(baseUri()).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() + " as " + response.version() + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private boolean logSaysReady() {
        try {
            return logFile != null && Files.readString(logFile, StandardCharsets.ISO_8859_1).contains(" ready in ");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a thread dump of the running server ({@code jcmd PID Thread.print -l}, with lock owners) to
     * {@code target/hang-dumps/NAME-N-TIME.txt}, headed by {@code why}; returns the file, or null if the server does
     * not run or the dump failed (a diagnostic: it never fails the caller).
     */
    public synchronized Path threadDump(String why) {
        if (!isRunning()) {
            return null;
        }
        try {
            Path dir = Paths.get(setting("project.basedir", "."), "target", "hang-dumps");
            Files.createDirectories(dir);
            String log = logFile == null ? name : logFile.getFileName().toString().replaceFirst("\\.log$", "");
            Path file = dir.resolve(log + "-" + Instant.now().toString().replace(':', '-') + ".txt");
            Files.writeString(file, "# " + name + " (pid " + process.pid() + "): " + why + "\n# log " + logFile + "\n");
            Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
            Process dump = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                    Long.toString(process.pid()), "Thread.print", "-l")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
                    .start();
            if (!dump.waitFor(60, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
            note("# thread dump (" + why + "): " + file);
            System.err.println("PayaraMicroProcess: " + name + " " + why + "; thread dump in " + file);
            return file;
        } catch (IOException e) {
            System.err.println("PayaraMicroProcess: no thread dump of " + name + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Kills the server at once: {@link Process#destroyForcibly()}, which on Linux is {@code kill(pid, SIGKILL)}, so no
     * shutdown hook, no flush, no goodbye. Returns the exit value, 137 (128 + 9) on Linux.
     */
    public synchronized int kill() {
        return end(true);
    }

    /** Stops the server gracefully (SIGTERM: the JVM's shutdown hooks run), killing it if it takes over a minute. */
    public synchronized int stop() {
        return end(false);
    }

    /** Ends whatever still runs, then deletes the server's temporary directory (the logs stay). */
    @Override
    public synchronized void close() {
        try {
            if (isRunning()) {
                stop();
            }
        } finally {
            if (isRunning()) { // stop() threw
                process.destroyForcibly();
            }
            if (process == null || !process.isAlive()) {
                deleteTree(tmpDir());
            }
        }
    }

    private int end(boolean force) {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        try {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name + " (pid " + process.pid() + ") does not end");
                }
            }
            RUNNING.remove(process);
            note("# " + (force ? "killed (SIGKILL)" : "stopped (SIGTERM)") + ", exit " + process.exitValue());
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ending " + name, e);
        }
    }

    private void note(String line) {
        try {
            Files.writeString(logFile, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            // only a note
        }
    }

    /** True when nothing listens on the port: binding it (as Payara does, all interfaces) works. */
    public boolean portIsFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Grizzly: connections of the old server in TIME_WAIT do not block
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitPortFree() {
        Instant deadline = Instant.now().plus(PORT_FREE_TIMEOUT);
        while (!portIsFree()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("port " + port + " is still taken after " + PORT_FREE_TIMEOUT
                        + ": cannot start " + name + " on it");
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private Path tmpDir() {
        return workDir.resolve(name + "-tmp");
    }

    /** The last lines of the latest start's log. */
    public String logTail() {
        if (logFile == null) {
            return "(no log)";
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "--- last lines of " + logFile + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e + ")";
        }
    }

    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path existing(String property, String what) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " (" + what + ") is not set: run this as a"
                    + " failsafe IT (mvn verify), whose configuration in pom.xml sets it");
        }
        Path path = Paths.get(value);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(what + " " + path + " does not exist: build it first (mvn package)");
        }
        return path;
    }

    /** A port that is free now (the kernel's choice). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("PayaraMicroProcess: could not delete " + root + ": " + e);
        }
    }
}
