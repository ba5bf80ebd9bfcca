package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** Protocol version 2: pins and routes were imported (from a GeoJSON file) as one change; they are added to the room. */
@JsonbPropertyOrder({"version", "pins", "routes", "ref"})
public record FeaturesImported(long version, List<Pin> pins, List<Route> routes, String ref) implements RoomChange {

    @Override
    public FeaturesImported withRef(String ref) {
        return new FeaturesImported(version, pins, routes, ref);
    }
}
