package dev.waypoint.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The throwaway PostgreSQL server the persistence tests use: a real server, its own, on loopback only. */
class PostgresClusterTest {

    private final PostgresCluster cluster = PostgresCluster.shared();

    @Test
    void aCommittedRowIsSeenByASecondConnectionAndAnUncommittedOneIsNot() throws SQLException {
        try (Connection writer = cluster.connect(); Connection reader = cluster.connect()) {
            try (Statement s = writer.createStatement()) {
                s.execute("CREATE TABLE pin_probe (id TEXT PRIMARY KEY, lat DOUBLE PRECISION NOT NULL)");
            }
            writer.setAutoCommit(false);
            try (PreparedStatement insert = writer.prepareStatement("INSERT INTO pin_probe VALUES (?, ?)")) {
                insert.setString(1, "a");
                insert.setDouble(2, 48.8566);
                insert.executeUpdate();
            }
            assertEquals(List.of("a"), ids(writer), "the writer sees its own row");
            assertEquals(List.of(), ids(reader), "no other connection sees an uncommitted row");

            writer.commit();

            assertEquals(List.of("a"), ids(reader), "a second connection sees the committed row");
            try (Statement s = reader.createStatement();
                    ResultSet rs = s.executeQuery("SELECT lat FROM pin_probe WHERE id = 'a'")) {
                assertTrue(rs.next());
                assertEquals(48.8566, rs.getDouble(1));
            }
            try (Statement s = writer.createStatement()) {
                s.execute("DROP TABLE pin_probe");
            }
            writer.commit();
        }
    }

    @Test
    void itIsItsOwnServerOnLoopbackOnly() throws Exception {
        assertNotEquals(5432, cluster.port(), "not the port of the machine's own cluster");
        assertTrue(cluster.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/"));
        try (Connection c = cluster.connect()) {
            assertEquals("127.0.0.1", show(c, "listen_addresses"));
            assertEquals("waypoint", currentUser(c));
        }
        // unix_socket_directories and data_directory are for superusers only; the cluster's own files say where
        // its socket and data live.
        assertTrue(Files.exists(cluster.directory().resolve("socket").resolve(".s.PGSQL." + cluster.port())),
                "the Unix socket is in the cluster's directory");
        assertTrue(Files.exists(cluster.directory().resolve("data").resolve("postmaster.pid")));
        String pid = Files.readAllLines(cluster.directory().resolve("data").resolve("postmaster.pid")).get(0);
        assertTrue(ProcessHandle.of(Long.parseLong(pid)).isPresent(), "the server process runs");
        assertFalse(cluster.directory().startsWith(Path.of("/var/lib/postgresql")));
    }

    @Test
    void aWrongPasswordIsRefused() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(cluster.jdbcUrl(), cluster.user(), cluster.password() + "x"));
        assertEquals("28P01", e.getSQLState(), "invalid_password: " + e.getMessage());
    }

    @Test
    void anotherDatabaseCanBeCreatedForATest() throws SQLException {
        String url = cluster.createDatabase("cluster_test_extra");
        try (Connection c = DriverManager.getConnection(url, cluster.user(), cluster.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INT)");
            s.execute("INSERT INTO t VALUES (7)");
            try (ResultSet rs = s.executeQuery("SELECT current_database(), x FROM t")) {
                assertTrue(rs.next());
                assertEquals("cluster_test_extra", rs.getString(1));
                assertEquals(7, rs.getInt(2));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> cluster.createDatabase("x; DROP DATABASE waypoint"));
    }

    @Test
    void aBinaryDirectoryWithoutTheServerIsRefusedClearly(@TempDir Path empty) {
        String before = System.getProperty(PostgresCluster.BIN_DIR_SETTING);
        System.setProperty(PostgresCluster.BIN_DIR_SETTING, empty.toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, PostgresCluster::findBinaries);
            assertTrue(e.getMessage().contains("holds no initdb"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(PostgresCluster.BIN_DIR_SETTING);
            } else {
                System.setProperty(PostgresCluster.BIN_DIR_SETTING, before);
            }
        }
    }

    private static List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM pin_probe ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
