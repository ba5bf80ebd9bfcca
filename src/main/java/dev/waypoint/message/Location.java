package dev.waypoint.message;

import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * A point on the map in WGS 84 degrees: {@code {"lat":..,"lng":..}}, nothing else (extra members are dropped).
 *
 * <p>Latitude must be finite and within [-90, 90]. Longitude must be finite; outside [-180, 180] it is wrapped into
 * that range rather than refused, because MapLibre reports longitudes past &plusmn;180 after the map is panned across
 * the antimeridian and the demo's client sends them as they are.
 */
@JsonbTypeDeserializer(Location.Reader.class)
public record Location(double lat, double lng) {

    public Location {
        if (!Double.isFinite(lat) || !Double.isFinite(lng)) {
            throw new InvalidMessageException(ErrorCode.INVALID_LOCATION,
                    "lat and lng must be finite numbers, got lat=" + lat + ", lng=" + lng);
        }
        if (lat < -90 || lat > 90) {
            throw new InvalidMessageException(ErrorCode.INVALID_LOCATION, "lat must be within [-90, 90], got " + lat);
        }
        lng = wrapLongitude(lng);
    }

    /** Wraps a finite longitude into [-180, 180]; values already in range are returned unchanged. */
    static double wrapLongitude(double lng) {
        if (lng >= -180 && lng <= 180) {
            return lng;
        }
        double wrapped = ((lng + 180) % 360 + 360) % 360 - 180;
        return wrapped == -0.0 ? 0.0 : wrapped;
    }

    /** A location from a JSON object with numeric {@code lat} and {@code lng}; anything else is refused. */
    public static Location fromJson(JsonObject object) {
        return new Location(Reader.coordinate(object, "lat"), Reader.coordinate(object, "lng"));
    }

    /**
     * Reads a location strictly: an object whose {@code lat} and {@code lng} are JSON numbers. A string such as
     * {@code "12"} is refused (the default mapping would coerce it), and so is a number too large for a double.
     */
    public static final class Reader implements JsonbDeserializer<Location> {
        @Override
        public Location deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            // Yasson's parser here offers neither currentEvent() nor getValue() for every value (Yasson 3.0.4), but
            // getObject() works on an object and refuses anything else. Its size and nesting are already bounded by
            // the frame limit and MessageCodec's depth check.
            JsonObject object;
            try {
                object = parser.getObject();
            } catch (RuntimeException notAnObject) { // IllegalState-, NoSuchElement- or UnsupportedOperationException
                throw invalid("location must be an object {\"lat\":..,\"lng\":..}");
            }
            return fromJson(object);
        }

        private static double coordinate(JsonObject location, String name) {
            JsonValue value = location.get(name);
            if (value == null) {
                throw invalid("location needs both lat and lng, " + name + " is missing");
            }
            if (!(value instanceof JsonNumber number)) {
                throw invalid(name + " must be a number, not " + JsonTypes.describe(value));
            }
            return number.bigDecimalValue().doubleValue(); // 1e400 becomes infinite, refused by the constructor
        }

        private static InvalidMessageException invalid(String message) {
            return new InvalidMessageException(ErrorCode.INVALID_LOCATION, message);
        }
    }
}
