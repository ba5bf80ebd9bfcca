package dev.waypoint.access;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.Hello;
import dev.waypoint.message.ListSessions;
import dev.waypoint.message.Ping;
import dev.waypoint.message.Sync;
import dev.waypoint.message.TokenRenewal;

/**
 * What a connection with {@link Access#VIEW} may send: {@code ping}, {@code sync} (a fresh snapshot) and
 * {@code hello} (its own name and colour: a viewer is present in the room, as a viewer of a shared document is),
 * {@code listSessions} (reading the saved sessions' names), and {@code token} (renewing its token, which may grant
 * more). Everything that changes the map or what is stored is
 * refused: pins (the demo's {@code setPin} included), routes, shared locations (which move the room's meeting
 * point), and saving, restoring or deleting sessions.
 */
public final class ViewRules {

    private ViewRules() {
    }

    public static boolean permits(Access access, ClientMessage message) {
        return access == Access.EDIT || message instanceof Ping || message instanceof Sync || message instanceof Hello
                || message instanceof ListSessions || message instanceof TokenRenewal;
    }
}
