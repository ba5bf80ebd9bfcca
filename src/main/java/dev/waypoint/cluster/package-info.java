/**
 * Where a connection's room is: in this server, or, when several Payara Micro instances form a cluster on Payara's
 * Hazelcast data grid, in the instance that owns the room.
 *
 * <p>The endpoint asks {@link dev.waypoint.cluster.Rooms} for a {@link dev.waypoint.cluster.RoomConnection} and
 * never learns which. {@link dev.waypoint.cluster.LocalRooms} (one instance, or a server without a grid) joins the
 * room in this server's {@link dev.waypoint.room.RoomRegistry}. {@link dev.waypoint.cluster.GridRooms} gives every
 * room one owner in the cluster: the room lives, with its rules and its one order, in the owner's registry, exactly
 * as on a single server; a client connected to another instance is a member of it whose outbox's transport forwards
 * frames over the grid. The room's rules see members and outboxes, nothing else, so they do not know which is there.
 * {@link dev.waypoint.cluster.Grid} decides at start; {@link dev.waypoint.cluster.GridRoomStore} keeps rooms in the
 * grid, with backups, when the cluster has no shared database.
 */
package dev.waypoint.cluster;
