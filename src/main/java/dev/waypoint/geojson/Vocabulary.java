package dev.waypoint.geojson;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The property names of the mapping (src/docs/geojson.md), shared by the writer and the reader. */
final class Vocabulary {

    /** The FeatureCollection's foreign member naming the room and its version. */
    static final String ROOM_MEMBER = "waypoint";
    /** The property that marks a feature as Waypoint's own: {@code "pin"} or {@code "route"}. */
    static final String KIND = "waypoint";
    static final String KIND_PIN = "pin";
    static final String KIND_ROUTE = "route";
    /** A route's property: per position, the id of the pin the point follows, or null. */
    static final String PIN_IDS = "pinIds";

    /** Where a label may come from, first found first: Waypoint's own, simplestyle's, uMap's (and most tools'). */
    static final List<String> LABEL_KEYS = List.of("label", "title", "name");
    static final List<String> PIN_COLOR_KEYS = List.of("color", "marker-color");
    static final List<String> ROUTE_COLOR_KEYS = List.of("color", "stroke");

    /** simplestyle-spec 1.1.0's keys; those a feature's kind does not use are style without an equivalent here. */
    static final Set<String> SIMPLESTYLE = Set.of("marker-size", "marker-symbol", "marker-color", "stroke",
            "stroke-width", "stroke-opacity", "fill", "fill-opacity");

    /** uMap's per-feature display options: {@code _umap_options}, and {@code _storage_options} before uMap 1.0. */
    static final String UMAP_OPTIONS = "_umap_options";
    static final String UMAP_LEGACY_OPTIONS = "_storage_options";

    /** What Waypoint writes about a pin's or route's origin: the room assigns these anew, so an import ignores them. */
    static final Set<String> BOOKKEEPING = Set.of(KIND, "id", "createdBy", "createdAt", "version");

    /**
     * simplestyle {@code marker-symbol} values (Maki icon names) that have a Waypoint symbol. Waypoint's own icon
     * names are accepted as they are.
     */
    static final Map<String, String> MARKER_SYMBOLS = Map.ofEntries(
            Map.entry("flag", "icon:flag"), Map.entry("star", "icon:star"), Map.entry("home", "icon:home"),
            Map.entry("food", "icon:food"), Map.entry("restaurant", "icon:food"), Map.entry("fast-food", "icon:food"),
            Map.entry("cafe", "icon:food"), Map.entry("car", "icon:car"), Map.entry("camera", "icon:camera"),
            Map.entry("info", "icon:info"), Map.entry("information", "icon:info"), Map.entry("warning", "icon:warning"),
            Map.entry("danger", "icon:warning"));

    private Vocabulary() {
    }
}
