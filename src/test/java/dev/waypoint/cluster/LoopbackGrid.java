package dev.waypoint.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hazelcast members started by a test in its own JVM, on loopback only: TCP-IP join on 127.0.0.1, multicast and
 * auto-detection (which probes cloud metadata) off, phone home off. The same Hazelcast as Payara Micro's.
 */
final class LoopbackGrid implements AutoCloseable {

    private final String clusterName = "waypoint-test-" + UUID.randomUUID();
    private final List<Integer> ports = new ArrayList<>();
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Starts {@code count} members that form one cluster. */
    static LoopbackGrid start(int count) {
        LoopbackGrid grid = new LoopbackGrid();
        for (int i = 0; i < count; i++) {
            grid.ports.add(freePort());
        }
        for (int i = 0; i < count; i++) {
            grid.members.add(Hazelcast.newHazelcastInstance(grid.config(grid.ports.get(i))));
        }
        return grid;
    }

    private Config config(int port) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none"); // quiet: a failing assertion says what went wrong
        // Find a member that was killed within seconds, not Hazelcast's default minute.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
        return config;
    }

    HazelcastInstance member(int index) {
        return members.get(index);
    }

    /** Kills a member as a crash would: no goodbye to the others. */
    void kill(int index) {
        members.get(index).getLifecycleService().terminate();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        members.forEach(m -> {
            if (m.getLifecycleService().isRunning()) {
                m.getLifecycleService().terminate();
            }
        });
    }
}
