package dev.waypoint.geojson;

import static dev.waypoint.geojson.GeoJsonReadTest.collection;
import static dev.waypoint.geojson.GeoJsonReadTest.line;
import static dev.waypoint.geojson.GeoJsonReadTest.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waypoint.geojson.GeoJsonException.FeatureError;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Limits;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files that are refused as a whole, with errors that name the feature and say why. */
class GeoJsonRefusalTest {

    static GeoJsonException refused(String json) {
        return refused(json, Limits.DEFAULTS);
    }

    static GeoJsonException refused(String json, Limits limits) {
        return assertThrows(GeoJsonException.class, () -> GeoJson.read(json, limits));
    }

    /** The only error of a refusal, checked for its code. */
    static FeatureError onlyError(GeoJsonException e, ErrorCode code) {
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(1, e.errors().size(), e.errors().toString());
        return e.errors().get(0);
    }

    static FeatureError fileError(String json, ErrorCode code, String expectedInMessage) {
        FeatureError error = onlyError(refused(json), code);
        assertEquals(FeatureError.FILE, error.featureIndex());
        assertTrue(error.message().contains(expectedInMessage), error.message());
        return error;
    }

    @Test
    void theExceptionIsAnInvalidMessageExceptionWithASummary() {
        GeoJsonException e = refused(collection(point(0, 95, "{}")));
        assertInstanceOf(InvalidMessageException.class, e);
        assertTrue(e.getMessage().startsWith("GeoJSON refused, nothing imported: feature 0: "), e.getMessage());
    }

    // --- the file as a whole

    @Test
    void notJson() {
        fileError("{\"type\":\"FeatureCollection\",", ErrorCode.MALFORMED_JSON, "not JSON");
        fileError("type: FeatureCollection", ErrorCode.MALFORMED_JSON, "not JSON");
        fileError("", ErrorCode.MALFORMED_JSON, "empty");
        fileError("   ", ErrorCode.MALFORMED_JSON, "empty");
        fileError("{\"type\":\"Point\",\"coordinates\":[1,2]} trailing", ErrorCode.MALFORMED_JSON, "text after the end");
    }

    @Test
    void hostileNestingIsRefusedBeforeParsing() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        fileError(deep, ErrorCode.NESTING_TOO_DEEP, "deeper than");
        String deepProperty = "{\"type\":\"Feature\",\"properties\":{\"a\":" + "[".repeat(40) + "]".repeat(40)
                + "},\"geometry\":null}";
        fileError(deepProperty, ErrorCode.NESTING_TOO_DEEP, "deeper than");
    }

    @Test
    void notGeoJson() {
        fileError("[1,2]", ErrorCode.INVALID_GEOJSON, "a GeoJSON file is a JSON object");
        fileError("\"FeatureCollection\"", ErrorCode.INVALID_GEOJSON, "a GeoJSON file is a JSON object");
        fileError("{\"features\":[]}", ErrorCode.INVALID_GEOJSON, "no \"type\"");
        fileError("{\"type\":7,\"features\":[]}", ErrorCode.INVALID_GEOJSON, "no \"type\"");
        fileError("{\"type\":\"Map\"}", ErrorCode.INVALID_GEOJSON, "unknown type \"Map\"");
        fileError("{\"type\":\"Topology\",\"objects\":{}}", ErrorCode.INVALID_GEOJSON, "TopoJSON");
        fileError("{\"type\":\"umap\",\"layers\":[]}", ErrorCode.INVALID_GEOJSON, "uMap map backup");
        fileError("{\"type\":\"FeatureCollection\"}", ErrorCode.INVALID_GEOJSON, "needs a \"features\" array");
        fileError("{\"type\":\"FeatureCollection\",\"features\":{}}", ErrorCode.INVALID_GEOJSON,
                "needs a \"features\" array");
    }

    @Test
    void aCrsOtherThanWgs84() {
        fileError("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:EPSG::3857\"}},\"features\":[]}", ErrorCode.INVALID_GEOJSON, "is not WGS 84");
        fileError("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"link\",\"properties\":{\"href\":"
                + "\"http://example.org/crs\"}},\"features\":[]}", ErrorCode.INVALID_GEOJSON, "is not WGS 84");
        FeatureError onFeature = onlyError(refused(collection("{\"type\":\"Feature\",\"id\":\"x\",\"properties\":{},"
                + "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:27700\"}},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[500000,200000]}}")), ErrorCode.INVALID_GEOJSON);
        assertEquals(0, onFeature.featureIndex());
        assertEquals("x", onFeature.featureId());
        assertTrue(onFeature.message().contains("EPSG:27700"), onFeature.message());
    }

    // --- one feature at fault: each names the feature, its id and the member

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            coordinates not numbers     | {"type":"Point","coordinates":["13.4","52.5"]}    | geometry.coordinates[0] must be a number, not a string
            latitude out of range       | {"type":"Point","coordinates":[13.4,95]}          | geometry.coordinates: lat must be within [-90, 90], got 95.0 (a GeoJSON position is [longitude, latitude])
            latitude first, by mistake  | {"type":"Point","coordinates":[52.5,113.4]}       | lat must be within [-90, 90], got 113.4
            infinite                    | {"type":"Point","coordinates":[1e400,0]}          | lat and lng must be finite numbers
            one number                  | {"type":"Point","coordinates":[13.4]}             | geometry.coordinates must be a position [longitude, latitude], not an array of 1
            altitude not a number       | {"type":"Point","coordinates":[1,2,"high"]}       | geometry.coordinates[2] must be a number, not a string
            coordinates missing         | {"type":"Point"}                                  | geometry.coordinates is missing
            coordinates an object       | {"type":"LineString","coordinates":{}}            | geometry.coordinates must be an array, not an object
            nesting too shallow         | {"type":"LineString","coordinates":[1,2]}         | geometry.coordinates[0] must be a position [longitude, latitude], not a number
            nesting too deep            | {"type":"Point","coordinates":[[1,2]]}            | geometry.coordinates must be a position [longitude, latitude], not an array of 1
            one-position LineString     | {"type":"LineString","coordinates":[[1,2]]}       | geometry.coordinates has 1 position; a LineString has at least 2
            short line of a multi       | {"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[[5,6]]]} | geometry.coordinates[1] has 1 position; a LineString has at least 2
            multi line not an array     | {"type":"MultiLineString","coordinates":[7]}      | geometry.coordinates[0] must be an array of positions, not a number
            bad point of a MultiPoint   | {"type":"MultiPoint","coordinates":[[1,2],[3,-91]]} | geometry.coordinates[1]: lat must be within [-90, 90], got -91.0
            unknown geometry type       | {"type":"Circle","coordinates":[1,2]}             | geometry has type "Circle", which is no GeoJSON geometry
            geometry without type       | {"coordinates":[1,2]}                              | geometry has no "type" string
            """)
    void aGeometryThatCannotBeRead(String what, String geometry, String expected) {
        String feature = "{\"type\":\"Feature\",\"id\":\"f-1\",\"properties\":{},\"geometry\":" + geometry + "}";
        FeatureError error = onlyError(refused(collection(point(0, 0, "{}"), feature)), ErrorCode.INVALID_GEOJSON);
        assertEquals(1, error.featureIndex(), what);
        assertEquals("f-1", error.featureId(), what);
        assertTrue(error.message().contains(expected), what + ": " + error.message());
        assertEquals("feature 1 (id \"f-1\"): " + error.message(), error.describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object          | 42                                                                   | a FeatureCollection holds Feature objects, not a number
            a bare geometry        | {"type":"Point","coordinates":[1,2]}                                 | a bare Point where a Feature belongs
            no type                | {"geometry":null,"properties":{}}                                    | no "type"
            another type           | {"type":"FeatureCollection","features":[]}                           | type "FeatureCollection" where a Feature belongs
            properties not object  | {"type":"Feature","properties":[1],"geometry":null}                  | properties must be an object or null, not an array
            geometry not object    | {"type":"Feature","properties":{},"geometry":"POINT (1 2)"}          | geometry must be an object or null, not a string
            id of a wrong type     | {"type":"Feature","id":{"a":1},"properties":{},"geometry":null}      | id must be a string or a number, not an object
            """)
    void aFeatureThatIsNotAFeature(String what, String feature, String expected) {
        FeatureError error = onlyError(refused(collection(point(0, 0, "{}"), feature)), ErrorCode.INVALID_GEOJSON);
        assertEquals(1, error.featureIndex(), what);
        assertNull(error.featureId(), what);
        assertTrue(error.message().contains(expected), what + ": " + error.message());
    }

    @Test
    void aBareGeometryFileNamesItsCoordinates() {
        FeatureError error = onlyError(refused("{\"type\":\"Point\",\"coordinates\":[0,100]}"), ErrorCode.INVALID_GEOJSON);
        assertEquals(0, error.featureIndex());
        assertTrue(error.message().startsWith("coordinates: lat must be within"), error.message());
    }

    @Test
    void everyInvalidFeatureIsListedNotOnlyTheFirst() {
        GeoJsonException e = refused(collection(
                point(0, 0, "{}"),
                point(0, 95, "{}"),
                "{\"type\":\"Feature\",\"id\":\"b\",\"properties\":{},\"geometry\":{\"type\":\"LineString\","
                        + "\"coordinates\":[[1,2]]}}",
                "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}",
                "{\"type\":\"Feature\",\"id\":3,\"properties\":{},\"geometry\":{\"type\":\"Point\","
                        + "\"coordinates\":[\"x\",1]}}"));
        assertEquals(ErrorCode.INVALID_GEOJSON, e.code());
        assertEquals(List.of(1, 2, 4), e.errors().stream().map(FeatureError::featureIndex).toList());
        assertEquals(java.util.Arrays.asList(null, "b", "3"), e.errors().stream().map(FeatureError::featureId).toList());
        assertTrue(e.getMessage().contains("feature 2 (id \"b\"): geometry.coordinates has 1 position"), e.getMessage());
    }

    @Test
    void aFileWithVeryManyInvalidFeaturesListsAHundredAndCountsTheRest() {
        String features = IntStream.range(0, 250).mapToObj(i -> point(0, 91, "{}")).collect(Collectors.joining(","));
        GeoJsonException e = refused(collection(features));
        assertEquals(GeoJsonReader.MAX_ERRORS + 1, e.errors().size());
        FeatureError last = e.errors().get(GeoJsonReader.MAX_ERRORS);
        assertEquals(FeatureError.FILE, last.featureIndex());
        assertEquals("and 150 more invalid features, not listed", last.message());
        assertTrue(e.getMessage().endsWith("; and 96 more"), "the message spells out five: " + e.getMessage());
    }

    // --- limits

    @Test
    void moreFeaturesThanARoomHoldsRefuseTheFile() {
        Limits limits = new Limits(2, 80, 1000, 20, 40, 200, 1, 3);
        GeoJsonException e = refused(collection(point(0, 0, "{}"), point(1, 1, "{}"),
                "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":[[2,2]]}}",
                line("{}", 0, 0, 1, 1), line("{}", 0, 0, 1, 1)), limits);
        assertEquals(List.of("file: the file has 3 pins; a room holds at most 2",
                "file: the file has 2 routes; a room holds at most 1"),
                e.errors().stream().map(FeatureError::describe).toList());
    }

    @Test
    void aRouteWithMorePointsThanTheLimitIsAnError() {
        Limits limits = new Limits(500, 80, 1000, 20, 40, 200, 100, 3);
        FeatureError error = onlyError(refused(collection(point(0, 0, "{}"),
                "{\"type\":\"Feature\",\"id\":\"track\",\"properties\":{},\"geometry\":{\"type\":\"LineString\","
                        + "\"coordinates\":[[0,0],[1,1],[2,2],[3,3]]}}"), limits), ErrorCode.INVALID_GEOJSON);
        assertEquals("feature 1 (id \"track\"): a route has 2 to 3 points, got 4", error.describe());
        FeatureError multi = onlyError(refused(collection("{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
                + "{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[[0,0],[1,1],[2,2],[3,3]]]}}"), limits),
                ErrorCode.INVALID_GEOJSON);
        assertEquals("feature 0: line 1: a route has 2 to 3 points, got 4", multi.describe());
    }

    @Test
    void atTheLimitsTheFileIsAccepted() {
        Limits limits = new Limits(2, 80, 1000, 20, 40, 200, 1, 3);
        GeoJsonImport imported = GeoJson.read(collection(point(0, 0, "{}"), point(1, 1, "{}"),
                line("{}", 0, 0, 1, 1, 2, 2)), limits);
        assertEquals(2, imported.pins().size());
        assertEquals(1, imported.routes().size());
    }
}
