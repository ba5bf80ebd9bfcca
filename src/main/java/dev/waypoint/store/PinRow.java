package dev.waypoint.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A pin of a room (table wp_pin). The pin itself is its protocol JSON in {@code body}, so that a new pin field needs
 * no schema change; location and version are also columns, for queries and for people reading the database.
 */
@Entity
@Table(name = "wp_pin")
@IdClass(ItemKey.class)
public class PinRow {

    @Id
    @Column(name = "room_id")
    String roomId;

    @Id
    @Column(name = "pin_id")
    String itemId;

    @Column(name = "lat")
    double lat;

    @Column(name = "lng")
    double lng;

    @Column(name = "version")
    long version;

    @Column(name = "body")
    String body;
}
