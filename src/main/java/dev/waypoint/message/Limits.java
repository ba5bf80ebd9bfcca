package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A room's limits, configurable per server and sent in the snapshot so a UI can check before it sends. */
@JsonbPropertyOrder({"pinsPerRoom", "labelLength", "descriptionLength", "metadataKeys", "metadataKeyLength",
    "metadataValueLength", "routesPerRoom", "routePoints"})
public record Limits(int pinsPerRoom, int labelLength, int descriptionLength, int metadataKeys, int metadataKeyLength,
                     int metadataValueLength, int routesPerRoom, int routePoints) {

    public static final Limits DEFAULTS = new Limits(500, 80, 1000, 20, 40, 200, 100, 100);
}
