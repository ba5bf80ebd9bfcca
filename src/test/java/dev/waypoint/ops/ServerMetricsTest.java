package dev.waypoint.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.ErrorMessage;
import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.Pong;
import dev.waypoint.message.RemovePin;
import dev.waypoint.room.Member;
import dev.waypoint.room.Outbox;
import dev.waypoint.room.Room;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

    private final ServerMetrics metrics = ServerMetrics.standalone();

    @Test
    void openConnectionsFollowOpensAndClosesWhileOpenedOnlyGrows() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();

        assertEquals(2, metrics.openConnections());
        assertEquals(3, metrics.connectionsOpened());
    }

    @Test
    void messagesInAndOutAreCountedApart() {
        metrics.messageIn();
        metrics.messageOut();
        metrics.messageOut();

        assertEquals(1, metrics.messagesIn());
        assertEquals(2, metrics.messagesOut());
    }

    @Test
    void errorsAreCountedByCode() {
        metrics.errorSent(ErrorCode.MALFORMED_JSON);
        metrics.errorSent(ErrorCode.MALFORMED_JSON);
        metrics.errorSent(ErrorCode.CONFLICT);

        assertEquals(2, metrics.errors(ErrorCode.MALFORMED_JSON));
        assertEquals(1, metrics.errors(ErrorCode.CONFLICT));
        assertEquals(0, metrics.errors(ErrorCode.NOT_FOUND));
    }

    @Test
    void closesAreCountedByCause() {
        metrics.closedBy(CloseCause.SLOW_CONSUMER);
        metrics.closedBy(CloseCause.ABUSE);
        metrics.closedBy(CloseCause.ABUSE);

        assertEquals(1, metrics.closed(CloseCause.SLOW_CONSUMER));
        assertEquals(2, metrics.closed(CloseCause.ABUSE));
        assertEquals(0, metrics.closed(CloseCause.MESSAGE_TOO_BIG));
    }

    @Test
    void theCountingEncoderCountsErrorMessagesByCodeAndEncodesEverythingUnchanged() {
        Function<dev.waypoint.message.ServerMessage, String> encoder = metrics.countingErrors(MessageCodec::encode);
        ErrorMessage conflict = ErrorMessage.of(ErrorCode.CONFLICT, "changed meanwhile");
        Pong pong = new Pong("x", 1);

        assertEquals(MessageCodec.encode(conflict), encoder.apply(conflict));
        assertEquals(MessageCodec.encode(pong), encoder.apply(pong));

        assertEquals(1, metrics.errors(ErrorCode.CONFLICT));
        assertEquals(0, Arrays.stream(ErrorCode.values()).filter(c -> c != ErrorCode.CONFLICT)
                .mapToLong(metrics::errors).sum(), "a pong is not an error");
    }

    @Test
    void aRoomWithTheCountingEncoderCountsTheErrorsItSends() {
        Room room = new Room("r", metrics.countingErrors(MessageCodec::encode));
        List<String> frames = new ArrayList<>();
        Member member = room.join(new Outbox(new Outbox.Transport() {
            @Override
            public void send(String frame, Outbox.Completion done) {
                frames.add(frame);
                done.completed(true);
            }

            @Override
            public void close(int code, String reason) {
            }
        }, 100), 2);

        room.receive(member, new RemovePin("p404", null, "r1"));

        assertTrue(frames.get(frames.size() - 1).contains("\"code\":\"not_found\""), frames.toString());
        assertEquals(1, metrics.errors(ErrorCode.NOT_FOUND));
    }

    @Test
    void everyCounterIsMadeOnceWithItsNameAndTagsSoThatNewCodesAndCausesGetTheirOwnSeries() {
        Map<String, Integer> made = new TreeMap<>();
        ServerMetrics.Counters recording = (metadata, tags) -> {
            StringBuilder series = new StringBuilder(metadata.getName());
            for (Tag tag : tags) {
                series.append(' ').append(tag.getTagName()).append('=').append(tag.getTagValue());
            }
            made.merge(series.toString(), 1, Integer::sum);
            return new NullCounter();
        };

        new ServerMetrics(recording);

        assertEquals(3 + ErrorCode.values().length + CloseCause.values().length, made.size(), made.toString());
        assertTrue(made.values().stream().allMatch(n -> n == 1), "each series made once: " + made);
        assertTrue(made.containsKey(ServerMetrics.CONNECTIONS_OPENED));
        assertTrue(made.containsKey(ServerMetrics.MESSAGES_IN));
        assertTrue(made.containsKey(ServerMetrics.MESSAGES_OUT));
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(made.containsKey(ServerMetrics.ERRORS + " code=" + code.wireName()), code + " in " + made);
        }
        for (CloseCause cause : CloseCause.values()) {
            assertTrue(made.containsKey(ServerMetrics.CONNECTIONS_CLOSED + " cause=" + cause.tag()),
                    cause + " in " + made);
        }
    }

    private static final class NullCounter implements Counter {
        @Override
        public void inc() {
        }

        @Override
        public void inc(long n) {
        }

        @Override
        public long getCount() {
            return 0;
        }
    }
}
