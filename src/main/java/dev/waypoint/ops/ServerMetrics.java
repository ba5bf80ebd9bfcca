package dev.waypoint.ops;

import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.ErrorMessage;
import dev.waypoint.message.ServerMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What the server counts: connections, messages in and out, error messages by code, connections closed by cause.
 *
 * <p>Every counter is created once, here, and held in a field (errors and closes in arrays by ordinal), so a call on
 * a message's path is one increment and nothing else: no look-up by name, no lock, no allocation. In the server the
 * counters come from MicroProfile Metrics' application registry (Payara's counters are {@link LongAdder}s), so
 * {@code /metrics} shows them as counters; {@link #standalone()} makes the same object with plain {@code LongAdder}
 * counters, for unit tests.
 *
 * <p>The gauges (open connections, rooms) are registered by {@link MetricsSetup}: they are read when scraped.
 */
public final class ServerMetrics {

    public static final String CONNECTIONS = "waypoint.connections";
    public static final String CONNECTIONS_OPENED = "waypoint.connections.opened";
    public static final String CONNECTIONS_CLOSED = "waypoint.connections.closed";
    public static final String MESSAGES_IN = "waypoint.messages.in";
    public static final String MESSAGES_OUT = "waypoint.messages.out";
    public static final String ERRORS = "waypoint.errors";
    public static final String ROOMS = "waypoint.rooms";

    /** Where counters come from: MicroProfile Metrics' registry in the server ({@code registry::counter}). */
    @FunctionalInterface
    public interface Counters {
        Counter counter(Metadata metadata, Tag... tags);
    }

    private final Counter connectionsOpened;
    private final LongAdder openConnections = new LongAdder();
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter[] errors = new Counter[ErrorCode.values().length];
    private final Map<String, Counter> errorsByWireName = new HashMap<>();
    private final Counter[] closes = new Counter[CloseCause.values().length];

    public ServerMetrics(Counters counters) {
        connectionsOpened = counters.counter(metadata(CONNECTIONS_OPENED,
                "WebSocket connections opened since the application started"));
        messagesIn = counters.counter(metadata(MESSAGES_IN,
                "Messages received from clients: applied, answered or refused with an error message"));
        messagesOut = counters.counter(metadata(MESSAGES_OUT,
                "Frames written to clients (a broadcast counts once per recipient)"));
        Metadata errorMetadata = metadata(ERRORS,
                "Error messages sent to clients, by code (src/docs/protocol.md lists the codes)");
        for (ErrorCode code : ErrorCode.values()) {
            Counter counter = counters.counter(errorMetadata, new Tag("code", code.wireName()));
            errors[code.ordinal()] = counter;
            errorsByWireName.put(code.wireName(), counter);
        }
        Metadata closeMetadata = metadata(CONNECTIONS_CLOSED,
                "Connections the server closed, by cause (slow consumers, oversized frames, security limits)");
        for (CloseCause cause : CloseCause.values()) {
            closes[cause.ordinal()] = counters.counter(closeMetadata, new Tag("cause", cause.tag()));
        }
    }

    /** Counters of this object's own, with no registry: for unit tests. */
    public static ServerMetrics standalone() {
        return new ServerMetrics((metadata, tags) -> new LocalCounter());
    }

    static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    public void connectionOpened() {
        connectionsOpened.inc();
        openConnections.increment();
    }

    /** Once for every {@link #connectionOpened()}, whoever closed it. */
    public void connectionClosed() {
        openConnections.decrement();
    }

    public void messageIn() {
        messagesIn.inc();
    }

    public void messageOut() {
        messagesOut.inc();
    }

    public void errorSent(ErrorCode code) {
        errors[code.ordinal()].inc();
    }

    /** The server closed a connection; {@link #connectionClosed()} follows when the container reports the close. */
    public void closedBy(CloseCause cause) {
        closes[cause.ordinal()].inc();
    }

    /**
     * {@code encoder}, counting every {@link ErrorMessage} it encodes by its code. For the rooms, which encode an
     * error exactly once, for the one member it is sent to; other messages pass with one type check.
     */
    public Function<ServerMessage, String> countingErrors(Function<ServerMessage, String> encoder) {
        return message -> {
            if (message instanceof ErrorMessage error) {
                Counter counter = errorsByWireName.get(error.code());
                if (counter != null) {
                    counter.inc();
                }
            }
            return encoder.apply(message);
        };
    }

    public long openConnections() {
        return openConnections.sum();
    }

    public long connectionsOpened() {
        return connectionsOpened.getCount();
    }

    public long messagesIn() {
        return messagesIn.getCount();
    }

    public long messagesOut() {
        return messagesOut.getCount();
    }

    public long errors(ErrorCode code) {
        return errors[code.ordinal()].getCount();
    }

    public long closed(CloseCause cause) {
        return closes[cause.ordinal()].getCount();
    }

    /** A counter that lives only here. */
    private static final class LocalCounter implements Counter {
        private final LongAdder count = new LongAdder();

        @Override
        public void inc() {
            count.increment();
        }

        @Override
        public void inc(long n) {
            count.add(n);
        }

        @Override
        public long getCount() {
            return count.sum();
        }
    }
}
