package dev.waypoint.web;

import dev.waypoint.message.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The rooms' limits, from MicroProfile Config (defaults in {@code META-INF/microprofile-config.properties}). */
@ApplicationScoped
public class RoomSettings {

    @Inject
    @ConfigProperty(name = "waypoint.room.max-pins", defaultValue = "500")
    int maxPins;

    @Inject
    @ConfigProperty(name = "waypoint.pin.max-label-length", defaultValue = "80")
    int maxLabelLength;

    @Inject
    @ConfigProperty(name = "waypoint.pin.max-description-length", defaultValue = "1000")
    int maxDescriptionLength;

    @Inject
    @ConfigProperty(name = "waypoint.pin.max-metadata-keys", defaultValue = "20")
    int maxMetadataKeys;

    @Inject
    @ConfigProperty(name = "waypoint.pin.max-metadata-key-length", defaultValue = "40")
    int maxMetadataKeyLength;

    @Inject
    @ConfigProperty(name = "waypoint.pin.max-metadata-value-length", defaultValue = "200")
    int maxMetadataValueLength;

    @Inject
    @ConfigProperty(name = "waypoint.room.max-routes", defaultValue = "100")
    int maxRoutes;

    @Inject
    @ConfigProperty(name = "waypoint.route.max-points", defaultValue = "100")
    int maxRoutePoints;

    @Produces
    Limits limits() {
        return new Limits(maxPins, maxLabelLength, maxDescriptionLength, maxMetadataKeys, maxMetadataKeyLength,
                maxMetadataValueLength, maxRoutes, maxRoutePoints);
    }
}
