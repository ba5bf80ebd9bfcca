package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Someone connected to a room: one per connection, version 1 ones included. {@code sharing} is null unless shared. */
@JsonbPropertyOrder({"id", "name", "color", "protocol", "sharing"})
public record Participant(String id, String name, String color, int protocol, SharedLocation sharing) {
}
