package dev.waypoint.geojson;

import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Limits;
import dev.waypoint.message.PinEdit;
import dev.waypoint.message.RouteEdit;
import java.util.List;

/**
 * What a GeoJSON file adds to a room, read by {@link GeoJson#read(String, Limits)}: every pin and route here has
 * passed the room's own rules ({@code PinRules}, {@code RouteRules}) against the limits given, so adding them cannot
 * fail half-way, provided the room has space for them ({@link #checkFits}).
 *
 * <p>How to apply it: add {@link #pins()} in order ({@code PinRules.create} accepts each {@link PinEdit}), collect
 * the ids the room gives them, then add {@link #routeEdits(List) routeEdits(thoseIds)}.
 *
 * @param pins    the pins to add, in the order of the file
 * @param routes  the routes to add, in the order of the file; a point may follow one of {@code pins}
 * @param skipped features (or members of them) that were not imported, and why: not errors
 * @param notes   what was changed or dropped in features that were imported (a colour Waypoint does not know, a
 *                property that is no metadata, a label cut to length...)
 */
public record GeoJsonImport(List<PinEdit> pins, List<ImportedRoute> routes, List<Skipped> skipped, List<Note> notes) {

    public GeoJsonImport {
        pins = List.copyOf(pins);
        routes = List.copyOf(routes);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /**
     * A feature, or a geometry of one, that was left out: a Polygon, a GeometryCollection, a feature without geometry.
     *
     * @param featureIndex the feature's index in the file's {@code features} (0 for a file of one Feature or geometry)
     * @param featureId    the feature's {@code id}, or null
     * @param reason       why, for a person
     */
    public record Skipped(int featureIndex, String featureId, String reason) {
    }

    /**
     * Something of an imported feature that was changed or dropped.
     *
     * @param featureIndex the feature's index in the file's {@code features}
     * @param featureId    the feature's {@code id}, or null
     * @param message      what and why, for a person (names the property)
     */
    public record Note(int featureIndex, String featureId, String message) {
    }

    /** The routes as {@code addRoute} edits, their pin points named by {@code pinIds}: the ids given to {@link #pins()}. */
    public List<RouteEdit> routeEdits(List<String> pinIds) {
        if (pinIds.size() != pins.size()) {
            throw new IllegalArgumentException("one id per imported pin: " + pins.size() + " pins, " + pinIds.size() + " ids");
        }
        return routes.stream().map(route -> route.toEdit(pinIds)).toList();
    }

    /**
     * Refuses the import unless a room that holds {@code pinsInRoom} pins and {@code routesInRoom} routes has space for
     * all of it. {@link GeoJson#read} checks the file against the limits alone, since it cannot know the room; the
     * caller checks the room's remaining space with this, under the room's lock, before it adds anything.
     *
     * @throws InvalidMessageException with {@link ErrorCode#LIMIT_REACHED}, saying how many would be too many
     */
    public void checkFits(int pinsInRoom, int routesInRoom, Limits limits) {
        if (pinsInRoom + pins.size() > limits.pinsPerRoom()) {
            throw new InvalidMessageException(ErrorCode.LIMIT_REACHED, "the import adds " + pins.size()
                    + " pins to the room's " + pinsInRoom + "; a room holds at most " + limits.pinsPerRoom());
        }
        if (routesInRoom + routes.size() > limits.routesPerRoom()) {
            throw new InvalidMessageException(ErrorCode.LIMIT_REACHED, "the import adds " + routes.size()
                    + " routes to the room's " + routesInRoom + "; a room holds at most " + limits.routesPerRoom());
        }
    }
}
