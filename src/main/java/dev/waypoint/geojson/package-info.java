/**
 * GeoJSON in and out of a room, in plain Java over JSON-P: no room, no endpoint, no container.
 *
 * <p>{@link dev.waypoint.geojson.GeoJson#export} writes a room's pins and routes as an RFC 7946 FeatureCollection;
 * {@link dev.waypoint.geojson.GeoJson#read} reads a file into a {@link dev.waypoint.geojson.GeoJsonImport} whose pins
 * and routes have passed the room's own rules, or refuses the whole file with a
 * {@link dev.waypoint.geojson.GeoJsonException} that names every invalid feature. The mapping, what is skipped and
 * what refuses a file are described in {@code src/docs/geojson.md}.
 */
package dev.waypoint.geojson;
