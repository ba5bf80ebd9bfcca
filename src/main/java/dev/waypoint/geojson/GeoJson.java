package dev.waypoint.geojson;

import dev.waypoint.message.Limits;
import dev.waypoint.message.Pin;
import dev.waypoint.message.Route;
import java.util.List;

/**
 * A room's pins and routes as GeoJSON (RFC 7946), and GeoJSON files read back into what a room should add. The
 * mapping is described in {@code src/docs/geojson.md}. Pure Java over JSON-P: no room, no container.
 */
public final class GeoJson {

    /** The media type of GeoJSON (RFC 7946, section 12). */
    public static final String MEDIA_TYPE = "application/geo+json";

    private GeoJson() {
    }

    /**
     * A FeatureCollection of the room: each pin a Point feature, each route a LineString feature, with every field in
     * its properties and the simplestyle keys that geojson.io and uMap show.
     *
     * @param roomId  written as the foreign member {@code "waypoint":{"room":..,"version":..}}
     * @param version the room version the pins and routes are from
     * @param pins    the room's pins; every pin a route point names must be among them
     * @param routes  the room's routes
     * @throws IllegalArgumentException if a route names a pin that is not in {@code pins}
     */
    public static String export(String roomId, long version, List<Pin> pins, List<Route> routes) {
        return GeoJsonWriter.write(roomId, version, pins, routes);
    }

    /**
     * Reads a GeoJSON file (a FeatureCollection, a single Feature or a bare geometry) into the pins and routes a room
     * should add. Everything returned has passed the room's rules against {@code limits}; the file alone is checked
     * against the room limits (pins, routes, points per route), the room's current contents are the caller's to
     * check with {@link GeoJsonImport#checkFits}. The caller bounds the size of {@code text}; nesting is bounded here.
     *
     * @throws GeoJsonException listing every invalid feature, when any feature or the file is invalid: then nothing
     *                          of the file may be imported
     */
    public static GeoJsonImport read(String text, Limits limits) {
        return new GeoJsonReader(limits).read(text);
    }
}
