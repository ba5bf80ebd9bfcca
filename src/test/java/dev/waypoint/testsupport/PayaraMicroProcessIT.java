package dev.waypoint.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The harness for crash tests: the built WAR on Payara Micro as an OS process that can be killed with SIGKILL and
 * started again on the same port.
 */
class PayaraMicroProcessIT {

    private static final int SIGKILL_EXIT = 128 + 9;

    @Test
    void startKillMinusNineAndStartAgainOnTheSamePort() throws Exception {
        try (PayaraMicroProcess server = new PayaraMicroProcess("process-it")
                .env("WAYPOINT_PROCESS_IT", "env-reaches-the-server")
                .systemProperty("waypoint.process-it", "property-reaches-the-server")) {
            server.start().awaitReady();
            Path firstLog = server.logFile();
            assertPage(server);
            String header = Files.readString(firstLog);
            assertTrue(header.contains("-Dwaypoint.process-it=property-reaches-the-server"), header);
            assertTrue(header.contains("--nocluster") && header.contains("--disablephonehome")
                    && header.contains("-Dhazelcast.phone.home.enabled=false"), header);
            long firstPid = server.pid();
            assertEquals("env-reaches-the-server", environmentOf(firstPid, "WAYPOINT_PROCESS_IT"));

            int exit = server.kill();

            assertEquals(SIGKILL_EXIT, exit, "the server died of SIGKILL");
            assertFalse(server.isRunning());
            assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                }
            }, "nothing answers on the port once the server is killed");
            assertTrue(server.portIsFree());

            server.start().awaitReady();

            assertNotEquals(firstPid, server.pid());
            assertNotEquals(firstLog, server.logFile(), "each start has its own log");
            assertPage(server);
            int stopped = server.stop();
            assertFalse(server.isRunning());
            assertNotEquals(SIGKILL_EXIT, stopped, "stop() is graceful, not SIGKILL");
        }
    }

    private static void assertPage(PayaraMicroProcess server) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(server.baseUri()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Waypoint</title>"), "the map page is served");
    }

    /** An environment variable of a running process of this user, from /proc. */
    private static String environmentOf(long pid, String name) throws IOException {
        for (String entry : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            if (entry.startsWith(name + "=")) {
                return entry.substring(name.length() + 1);
            }
        }
        return null;
    }
}
