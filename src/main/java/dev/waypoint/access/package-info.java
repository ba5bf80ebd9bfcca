/**
 * Who may connect, and how much one connection may do: the rules in plain Java, no container, no WebSocket.
 * {@link dev.waypoint.web} reads the settings (MicroProfile Config) and applies these rules at the handshake and on
 * every message.
 *
 * <ul>
 *   <li>{@link dev.waypoint.access.OriginPolicy}: which pages may open a WebSocket (cross-site WebSocket hijacking).</li>
 *   <li>{@link dev.waypoint.access.AccessPolicy} and {@link dev.waypoint.access.TokenVerifier}: which rooms need a
 *   token, and what a token grants ({@link dev.waypoint.access.Access#VIEW} or {@link dev.waypoint.access.Access#EDIT}).</li>
 *   <li>{@link dev.waypoint.access.ConnectionAccess} and {@link dev.waypoint.access.ExpiringConnections}: what an
 *   open connection's token grants until it expires, its renewal, and the deadlines one shared sweep looks at.</li>
 *   <li>{@link dev.waypoint.access.ViewRules}: what a view-only connection may still send; anything not listed there
 *   (a message type added later included) is refused to viewers.</li>
 *   <li>{@link dev.waypoint.access.RoomApiRequests}: the same tokens for the HTTP API of rooms.</li>
 *   <li>{@link dev.waypoint.access.MessageRate}, {@link dev.waypoint.access.ConnectionLimiter},
 *   {@link dev.waypoint.access.ActiveRooms}: the abuse limits, each a counter of its own, so one abusive client
 *   costs only its own connection's work and never holds a lock another room needs; {@link dev.waypoint.access.RequestRates}
 *   the same for the HTTP API's requests per client address.</li>
 *   <li>{@link dev.waypoint.access.PageHeaders}: the security headers of the map page.</li>
 * </ul>
 */
package dev.waypoint.access;
