package dev.waypoint.web;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-connection limits, from MicroProfile Config ({@code META-INF/microprofile-config.properties} holds the
 * defaults; an environment variable such as {@code WAYPOINT_MAX_MESSAGE_BYTES} overrides them).
 */
@ApplicationScoped
public class ConnectionSettings {

    @Inject
    @ConfigProperty(name = "waypoint.max-message-bytes", defaultValue = "65536")
    int maxMessageBytes;

    @Inject
    @ConfigProperty(name = "waypoint.outbound-queue-limit", defaultValue = "16384")
    int outboundQueueLimit;

    @Inject
    @ConfigProperty(name = "waypoint.outbound-queue-max-bytes", defaultValue = "4194304")
    long outboundQueueMaxBytes;

    @Inject
    @ConfigProperty(name = "waypoint.max-room-id-length", defaultValue = "256")
    int maxRoomIdLength;

    @Inject
    @ConfigProperty(name = "waypoint.ping-after-seconds", defaultValue = "30")
    int pingAfterSeconds;

    @Inject
    @ConfigProperty(name = "waypoint.pong-timeout-seconds", defaultValue = "30")
    int pongTimeoutSeconds;

    // Closing a connection may write a close frame: never on a thread that is broadcasting to a room.
    @Resource
    ManagedExecutorService executor;

    /** Frames larger than this close their connection with 1009 (Message Too Big). */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Frames that may wait for one client before it is closed as a slow consumer. */
    public int outboundQueueLimit() {
        return outboundQueueLimit;
    }

    /** Characters of frames (about a byte each) that may wait for one client before it is closed. */
    public long outboundQueueMaxBytes() {
        return outboundQueueMaxBytes;
    }

    /** Room ids longer than this are refused. */
    public int maxRoomIdLength() {
        return maxRoomIdLength;
    }

    /** A connection silent this long is pinged ({@link Liveness}); zero: never. */
    public Duration pingAfter() {
        return Duration.ofSeconds(Math.max(0, pingAfterSeconds));
    }

    /** A pinged connection silent this long after the ping is closed as unresponsive. */
    public Duration pongTimeout() {
        return Duration.ofSeconds(Math.max(1, pongTimeoutSeconds));
    }

    /** Where connections are closed. */
    public Executor closeExecutor() {
        return executor;
    }
}
