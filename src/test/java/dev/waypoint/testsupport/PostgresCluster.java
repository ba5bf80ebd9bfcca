package dev.waypoint.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster (initdb) in a temporary directory, listening on 127.0.0.1
 * only, on a free port, with the role {@code waypoint} (a random password) owning the database {@code waypoint}.
 *
 * <p>One cluster per JVM: {@link #shared()} starts it on first use and a shutdown hook stops it ({@code pg_ctl stop
 * -m fast}) and deletes its directory, so surefire unit tests and failsafe ITs (which hand {@link #jdbcUrl()},
 * {@link #user()} and {@link #password()} to the server they start) use it alike. It never touches the machine's own
 * cluster (Debian's 15/main): its data, socket and log live in the temporary directory, and its port is its own.
 *
 * <p>PostgreSQL refuses to run as root, and the tests run as root here: then every PostgreSQL program runs as the
 * {@code postgres} OS user ({@code runuser}), which owns the temporary directory. A machine without the server
 * binaries fails the test with a message saying how to install them; a database test that skips proves nothing.
 *
 * <p>Tuned for tests, not for measuring: {@code fsync=off}. That loses data only if the machine itself crashes; a
 * killed PostgreSQL or a killed application server (kill -9) loses nothing committed, since the OS still holds the
 * writes.
 */
public final class PostgresCluster {

    public static final String DATABASE = "waypoint";
    public static final String USER = "waypoint";

    /** The directory holding initdb, pg_ctl and postgres, when they are somewhere this class does not look. */
    public static final String BIN_DIR_SETTING = "WAYPOINT_PG_BIN";

    private static final String DIR_PREFIX = "waypoint-pg-";
    private static final String OWNER_FILE = "owner-pid";
    private static final String SUPERUSER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static PostgresCluster shared;

    private final Path binDir;
    private final Path directory;
    private final boolean asPostgresUser;
    private final String password = randomPassword();
    private final String superuserPassword = randomPassword();
    private int port;

    private PostgresCluster(Path binDir, Path directory, boolean asPostgresUser) {
        this.binDir = binDir;
        this.directory = directory;
        this.asPostgresUser = asPostgresUser;
    }

    /** The cluster of this JVM, started on first call, stopped when the JVM exits. */
    public static synchronized PostgresCluster shared() {
        if (shared == null) {
            PostgresCluster cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "postgres-cluster-stop"));
            shared = cluster;
        }
        return shared;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/waypoint}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** The cluster's temporary directory: {@code data/}, {@code socket/}, {@code postgres.log}. */
    public Path directory() {
        return directory;
    }

    /** A connection as {@link #user()} to the database {@code waypoint}. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    /**
     * Creates another empty database owned by {@link #user()}, for a test that wants a schema of its own, and returns
     * its JDBC URL.
     */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names here are [a-z_][a-z0-9_]*: " + name);
        }
        superuserSql("CREATE DATABASE " + name + " OWNER " + USER);
        return jdbcUrl(name);
    }

    private static PostgresCluster start() {
        Path binDir = findBinaries();
        try {
            Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
            Path directory = Files.createTempDirectory(tmp, DIR_PREFIX);
            Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            // The effective uid is the owner of what this JVM creates.
            boolean root = ((Integer) Files.getAttribute(directory, "unix:uid")) == 0;
            reapOrphans(binDir, tmp, root);
            PostgresCluster cluster = new PostgresCluster(binDir, directory, root);
            try {
                cluster.initAndStart();
            } catch (RuntimeException | IOException e) {
                cluster.stop();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up a PostgreSQL cluster for the tests", e);
        }
    }

    private void initAndStart() throws IOException {
        Files.createDirectory(directory.resolve("socket"));
        Path pwfile = directory.resolve("pwfile");
        Files.writeString(pwfile, superuserPassword + "\n");
        if (asPostgresUser) {
            UserPrincipal postgres;
            try {
                postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
            } catch (UserPrincipalNotFoundException e) {
                throw new IllegalStateException("The tests run as root, which PostgreSQL refuses, and there is no OS user"
                        + " '" + SUPERUSER + "' to run it as (Debian's package creates it: apt-get install -y postgresql)");
            }
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.setOwner(file, postgres);
                }
            }
        }
        // Password authentication everywhere, for the superuser too: only these tests know the passwords.
        run(List.of(bin("initdb"), "-D", data().toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"));
        Files.delete(pwfile);
        Files.writeString(data().resolve("postgresql.conf"), String.join("\n",
                "",
                "# Added by the Waypoint tests (dev.waypoint.testsupport.PostgresCluster).",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + directory.resolve("socket") + "'",
                "fsync = off",
                ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        // The free port may be taken by someone else between the probe and the server's bind: try a few.
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            try {
                run(List.of(bin("pg_ctl"), "-D", data().toString(), "-l", log().toString(), "-w", "-t", "60",
                        "-o", "-p " + port, "start"));
                break;
            } catch (IllegalStateException e) {
                if (attempt == 3 || !logTail().contains("Address already in use")) {
                    throw new IllegalStateException(e.getMessage() + "\n--- " + log() + " ---\n" + logTail(), e);
                }
            }
        }
        superuserSql("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
        superuserSql("CREATE DATABASE " + DATABASE + " OWNER " + USER);
    }

    /** Stops the server (fast: rolls back open transactions) and deletes its directory. */
    private synchronized void stop() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run(List.of(bin("pg_ctl"), "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
            }
        } catch (RuntimeException e) {
            System.err.println("PostgresCluster: could not stop the cluster in " + directory + ": " + e.getMessage());
            return; // keep the directory: the server may still use it
        }
        deleteTree(directory);
    }

    private void superuserSql(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, superuserPassword);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test cluster: " + sql.replace(password, "***") + " failed", e);
        }
    }

    /**
     * Where the server binaries are. Debian installs them in /usr/lib/postgresql/VERSION/bin and puts none of them on
     * the PATH (its /usr/bin wrappers are for the client programs). This machine also has /usr/local/bin/initdb,
     * pg_ctl and postgres: hand-made symlinks into /usr/lib/postgresql/15/bin that no Debian package owns (dpkg -S
     * finds none), so a fresh machine or CI does not have them. They are not needed: the Debian directory is looked
     * at first, and the PATH only after it (for other systems), with symlinks resolved, so that here it would land on
     * the same binaries anyway.
     */
    static Path findBinaries() {
        String setting = Optional.ofNullable(System.getProperty(BIN_DIR_SETTING)).orElse(System.getenv(BIN_DIR_SETTING));
        if (setting != null && !setting.isBlank()) {
            Path dir = Paths.get(setting);
            if (hasServerBinaries(dir)) {
                return dir;
            }
            throw new IllegalStateException(BIN_DIR_SETTING + "=" + setting + " holds no initdb, pg_ctl and postgres");
        }
        Path debian = Paths.get("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions
                        .filter(v -> VERSION.matcher(v.getFileName().toString()).matches())
                        .map(v -> v.resolve("bin"))
                        .filter(PostgresCluster::hasServerBinaries)
                        .max(Comparator.comparingDouble(b -> Double.parseDouble(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path initdb = Paths.get(entry.isEmpty() ? "." : entry, "initdb");
            if (Files.isExecutable(initdb)) {
                try {
                    Path dir = initdb.toRealPath().getParent();
                    if (hasServerBinaries(dir)) {
                        return dir;
                    }
                } catch (IOException e) {
                    // a dangling link: keep looking
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found (initdb, pg_ctl and postgres, looked in"
                + " /usr/lib/postgresql/*/bin and on the PATH; or set " + BIN_DIR_SETTING + " to their directory)."
                + " The tests need a real PostgreSQL server; .ci/run installs them: apt-get install -y postgresql");
    }

    private static boolean hasServerBinaries(Path dir) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(b -> Files.isExecutable(dir.resolve(b)));
    }

    /**
     * Stops and deletes clusters that this class started in JVMs that died without their shutdown hook (killed),
     * so that they do not hold a port and memory for ever. Best effort: a cluster it cannot stop is left alone.
     */
    private static void reapOrphans(Path binDir, Path tmp, boolean root) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : (Iterable<Path>) dirs.filter(d -> d.getFileName().toString().startsWith(DIR_PREFIX))::iterator) {
                try {
                    long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).trim());
                    if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                    new PostgresCluster(binDir, dir, root).stop();
                } catch (IOException | RuntimeException e) {
                    // not ours, not readable, or half made: leave it
                }
            }
        } catch (IOException e) {
            // nothing to reap
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private Path log() {
        return directory.resolve("postgres.log");
    }

    private String bin(String name) {
        return binDir.resolve(name).toString();
    }

    /** Runs a PostgreSQL program (as the postgres OS user when this JVM is root) and fails with its output. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        full.addAll(command);
        Path output = null;
        try {
            output = Files.createTempFile("waypoint-pg-command", ".log");
            Process process = new ProcessBuilder(full)
                    .directory(directory.toFile()) // the postgres user may not be allowed into the build's directory
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not end within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", full), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temp file left behind
                }
            }
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomPassword() {
        // Letters and digits only: it goes into SQL and a file without quoting worries.
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("PostgresCluster: could not delete " + root + ": " + e);
        }
    }
}
