package dev.waypoint.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A saved session (table wp_session): its description as columns, its pins and routes as JSON in {@code body}. */
@Entity
@Table(name = "wp_session")
public class SessionRow {

    @Id
    @Column(name = "id")
    String id;

    @Column(name = "room_id")
    String roomId;

    @Column(name = "name")
    String name;

    @Column(name = "author")
    String author;

    /** Epoch milliseconds. */
    @Column(name = "saved_at")
    long savedAt;

    @Column(name = "room_version")
    long roomVersion;

    @Column(name = "pin_count")
    int pinCount;

    @Column(name = "route_count")
    int routeCount;

    @Column(name = "body")
    String body;
}
