package dev.waypoint.web;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which open connections still have a client behind them. A connection the server has heard nothing from (no
 * message, no pong) for {@code pingAfter} is sent a WebSocket ping; one that then stays silent for {@code timeout}
 * after the ping is declared unresponsive and closed by its owner. Browsers, the JDK's client and every WebSocket
 * library answer pings by themselves, so a client with a live connection never notices; the demo's page does not
 * either.
 *
 * <p>Why the server needs this: a connection whose peer is gone without a close is otherwise open for ever, a
 * member of its room and one of its address's connections. Two ways to get there:
 * <ul>
 *   <li>On Payara (Tyrus over the servlet upgrade), a client that closes its socket while the server is still
 *   answering its upgrade leaves a session that was opened ({@code @OnOpen} ran: it joined its room) but whose close
 *   the container never reports: the socket closed before Tyrus's read listener was registered. Nothing is ever
 *   said about it until the server writes to it. Seen on Payara Micro 6.2025.10: 600 handshakes that the client
 *   closed at once left 200 such sessions in one room, for good; they filled the address's connection limit, so
 *   the same address could no longer connect at all ({@code LivenessIT} makes such handshakes).</li>
 *   <li>A client that vanished without a FIN or RST (a phone that lost its network, a laptop that slept, a NAT that
 *   forgot the connection): TCP keeps the connection open until something is written to it.</li>
 * </ul>
 * The pings also keep an idle connection alive through proxies that close connections silent for a minute.
 *
 * <p>One shared sweep ({@link #sweep}, every second) instead of a timer per connection; a connection costs one
 * entry in a concurrent set and one {@link System#nanoTime()} per frame it receives ({@link Watch#heard}).
 */
public final class Liveness {

    private static final Logger LOG = Logger.getLogger(Liveness.class.getName());

    /** What the sweep does to a connection: its owner's side. */
    public interface Peer {
        /** Sends a ping frame; must not block. */
        void ping();

        /** The connection answered neither frames nor the ping: close it (it is no longer watched). */
        void unresponsive();
    }

    private final long pingAfterNanos;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();

    /**
     * @param pingAfter silence after which a connection is pinged; zero or negative turns the checks off
     * @param timeout   how long a pinged connection may stay silent before it is closed
     * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}; a test's own clock)
     */
    public Liveness(Duration pingAfter, Duration timeout, LongSupplier nanoClock) {
        if (pingAfter.toNanos() > 0 && timeout.toNanos() <= 0) {
            throw new IllegalArgumentException("a pong timeout must be positive, got " + timeout);
        }
        this.pingAfterNanos = pingAfter.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether connections are checked at all. */
    public boolean enabled() {
        return pingAfterNanos > 0;
    }

    /** Starts watching a connection that has just opened (heard from now); {@link Watch#end} when it closes. */
    public Watch watch(Peer peer) {
        Watch watch = new Watch(peer, nanoClock.getAsLong());
        if (enabled()) {
            watched.add(watch);
        }
        return watch;
    }

    /** Connections watched now. */
    public int size() {
        return watched.size();
    }

    /**
     * Pings the connections silent for {@code pingAfter} and not pinged since they were last heard from, and closes
     * (through {@link Peer#unresponsive}) those silent for {@code timeout} since their ping. One sweep at a time.
     */
    public synchronized void sweep() {
        long now = nanoClock.getAsLong();
        for (Watch watch : watched) {
            try {
                watch.check(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not check a connection's liveness", e);
            }
        }
    }

    /** One connection's last sign of life and whether it has been pinged since. */
    public final class Watch {
        private final Peer peer;
        private volatile long heard; // nanoClock, written by the connection's threads
        private boolean pinged;      // sweep only
        private long pingedAt;       // sweep only

        private Watch(Peer peer, long now) {
            this.peer = peer;
            this.heard = now;
        }

        /** The client sent something: a message, a frame that did not decode, a pong. */
        public void heard() {
            heard = nanoClock.getAsLong();
        }

        /** The connection closed: no longer watched. */
        public void end() {
            watched.remove(this);
        }

        private void check(long now) {
            long lastHeard = heard;
            if (now - lastHeard < pingAfterNanos) {
                pinged = false;
                return;
            }
            if (pinged && lastHeard - pingedAt >= 0) {
                pinged = false; // it answered the last ping, and has been silent again since
            }
            if (!pinged) {
                pinged = true;
                pingedAt = now;
                peer.ping();
            } else if (now - pingedAt >= timeoutNanos) {
                watched.remove(this);
                peer.unresponsive();
            }
        }
    }
}
