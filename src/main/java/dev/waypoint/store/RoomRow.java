package dev.waypoint.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A room: its version and id sequences (table wp_room, created by db/migration). */
@Entity
@Table(name = "wp_room")
public class RoomRow {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "version")
    long version;

    @Column(name = "pin_sequence")
    long pinSequence;

    @Column(name = "route_sequence")
    long routeSequence;

    /** Epoch milliseconds of the last write. */
    @Column(name = "updated_at")
    long updatedAt;
}
