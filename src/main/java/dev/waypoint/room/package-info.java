/**
 * Rooms and their rules, in plain Java: no WebSocket, no JSON library, no container.
 *
 * <p>Guarantees, each covered by unit tests:
 * <ul>
 *   <li><b>One order per room.</b> Every change of a room is applied and queued to every member under the room's
 *   lock, so all members receive the room's updates in one and the same order, a late joiner's first message is the
 *   pin as of that order, and each sender's updates keep their order.</li>
 *   <li><b>One sender per connection.</b> A member's {@link dev.waypoint.room.Outbox} hands the transport one frame at
 *   a time; the next frame goes only when the previous one has been written.</li>
 *   <li><b>Slow consumers are shed.</b> An outbox holds a bounded number of frames; past the bound the connection
 *   is closed and the room carries on. Queuing never blocks the room.</li>
 *   <li><b>No busy work while idle.</b> No timers and no threads per member: work happens only when a message
 *   arrives or a write completes.</li>
 * </ul>
 */
package dev.waypoint.room;
