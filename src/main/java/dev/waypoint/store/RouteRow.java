package dev.waypoint.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A route of a room (table wp_route): its protocol JSON in {@code body}, like {@link PinRow}. */
@Entity
@Table(name = "wp_route")
@IdClass(ItemKey.class)
public class RouteRow {

    @Id
    @Column(name = "room_id")
    String roomId;

    @Id
    @Column(name = "route_id")
    String itemId;

    @Column(name = "version")
    long version;

    @Column(name = "body")
    String body;
}
