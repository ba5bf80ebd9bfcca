package dev.waypoint.geojson;

import static dev.waypoint.geojson.Vocabulary.BOOKKEEPING;
import static dev.waypoint.geojson.Vocabulary.KIND;
import static dev.waypoint.geojson.Vocabulary.KIND_PIN;
import static dev.waypoint.geojson.Vocabulary.KIND_ROUTE;
import static dev.waypoint.geojson.Vocabulary.LABEL_KEYS;
import static dev.waypoint.geojson.Vocabulary.SIMPLESTYLE;
import static dev.waypoint.geojson.Vocabulary.UMAP_LEGACY_OPTIONS;
import static dev.waypoint.geojson.Vocabulary.UMAP_OPTIONS;

import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.Limits;
import dev.waypoint.message.Location;
import dev.waypoint.message.Metadata;
import dev.waypoint.message.Pin;
import dev.waypoint.message.PinEdit;
import dev.waypoint.message.Route;
import dev.waypoint.message.RouteEdit;
import dev.waypoint.room.PinRules;
import dev.waypoint.room.RouteRules;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One feature's {@code properties} mapped to a pin's or a route's fields. Lenient by design: a property that does not
 * fit is dropped (or cut to length) with a note, never an error, since files from other tools carry all kinds of
 * properties. Every value kept has passed the room's own rules ({@link PinRules}, {@link RouteRules}) one field at a
 * time, so that a bad colour costs the colour and not the pin.
 */
final class FeatureProperties {

    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final Pin CHECK_PIN = new Pin("import", new Location(0, 0), "#000000", "Pin", null, null, null,
            null, null, 0);
    private static final Route CHECK_ROUTE = new Route("import", List.of(), "#000000", "Route", null, null, 0);

    /** How many property names one note lists at most. */
    static final int LISTED = 10;

    private final JsonObject properties;
    private final Limits limits;
    private final PinRules pinRules;
    private final RouteRules routeRules;
    /** Written by Waypoint: its bookkeeping properties are the room's to assign anew, not metadata. */
    private final boolean own;
    /** uMap's options, {@code _storage_options} overridden by {@code _umap_options} as uMap itself merges them. */
    private final Map<String, JsonValue> umap = new LinkedHashMap<>();
    private final Set<String> handled = new HashSet<>();
    private final Set<String> umapHandled = new HashSet<>();
    private final List<String> notes = new ArrayList<>();

    FeatureProperties(JsonObject properties, Limits limits, PinRules pinRules, RouteRules routeRules) {
        this.properties = properties;
        this.limits = limits;
        this.pinRules = pinRules;
        this.routeRules = routeRules;
        JsonValue kind = properties.get(KIND);
        this.own = kind instanceof JsonString k && (k.getString().equals(KIND_PIN) || k.getString().equals(KIND_ROUTE));
        for (String key : List.of(UMAP_LEGACY_OPTIONS, UMAP_OPTIONS)) {
            JsonValue options = properties.get(key);
            if (options == null || options.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            handled.add(key);
            if (options instanceof JsonObject object) {
                umap.putAll(object);
            } else {
                notes.add(key + " dropped: uMap's options are an object, not " + describe(options));
            }
        }
    }

    /** The pin id Waypoint wrote in {@code properties.id}, for a feature of its own; null otherwise. */
    String ownId() {
        return own && properties.get("id") instanceof JsonString id ? id.getString() : null;
    }

    /** What was changed or dropped, for a person; one entry per matter. */
    List<String> notes() {
        return notes;
    }

    /** The fields of the pins this feature makes (one per point of a MultiPoint): a {@link PinEdit} without location. */
    record PinFields(String color, String label, String description, String symbol, Metadata metadata) {
        PinEdit at(Location location) {
            // null where the file gives nothing: "not given" in PinEdit's terms, so the room's defaults apply
            return new PinEdit(location, color, label, description == null ? null : Optional.of(description),
                    symbol == null ? null : Optional.of(symbol), metadata == null ? null : Optional.of(metadata));
        }
    }

    /** The fields of the routes this feature makes, and its raw {@code pinIds} (null if absent). */
    record RouteFields(String color, String label, JsonValue pinIds) {
    }

    PinFields forPin() {
        Consumer<PinEdit> check = edit -> pinRules.apply(CHECK_PIN, edit, 0);
        String label = label(text -> check.accept(new PinEdit(null, null, text, null, null, null)));
        String color = color(Vocabulary.PIN_COLOR_KEYS, text -> check.accept(new PinEdit(null, text, null, null, null, null)));
        String description = description(check);
        String symbol = symbol(check);
        dropStyle();
        dropUmapOptions();
        Metadata metadata = metadata(check);
        return new PinFields(color, label, description, symbol, metadata);
    }

    RouteFields forRoute() {
        Consumer<RouteEdit> check = edit -> routeRules.apply(CHECK_ROUTE, edit, Map.of(), 0);
        String label = label(text -> check.accept(new RouteEdit(null, null, text)));
        String color = color(Vocabulary.ROUTE_COLOR_KEYS, text -> check.accept(new RouteEdit(null, text, null)));
        JsonValue pinIds = properties.get(Vocabulary.PIN_IDS);
        handled.add(Vocabulary.PIN_IDS);
        dropStyle();
        dropUmapOptions();
        List<String> dropped = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (!handled.contains(key) && !ignored(key) && value.getValueType() != JsonValue.ValueType.NULL
                    && !isBlank(value)) {
                dropped.add(key);
            }
        });
        if (!dropped.isEmpty()) {
            notes.add("dropped " + listed(dropped) + ": a route has a label and a colour, no other properties");
        }
        return new RouteFields(color, label, pinIds);
    }

    // The first of label, title, name that the rules accept; a longer one is cut to the limit. The others, when they
    // say the same, are the same label; when they differ they are left for metadata (pins) or dropped with a note.
    private String label(Consumer<String> check) {
        String chosen = null;
        String original = null;
        for (String key : LABEL_KEYS) {
            if (!(properties.get(key) instanceof JsonString string)) {
                continue;
            }
            String text = string.getString().strip();
            if (chosen == null) {
                handled.add(key);
                if (text.isEmpty()) {
                    continue;
                }
                String fitted = cut(text, limits.labelLength());
                try {
                    check.accept(fitted);
                } catch (InvalidMessageException e) {
                    notes.add(key + " \"" + shorten(text) + "\" dropped: " + e.getMessage());
                    continue;
                }
                if (fitted.length() < text.length()) {
                    notes.add(key + " cut to " + fitted.length() + " characters: a label has at most "
                            + limits.labelLength());
                }
                chosen = fitted;
                original = text;
            } else if (text.isEmpty() || text.equals(original)) {
                handled.add(key);
            }
        }
        return chosen;
    }

    private String color(List<String> keys, Consumer<String> check) {
        Map<String, JsonValue> candidates = new LinkedHashMap<>();
        for (String key : keys) {
            if (properties.containsKey(key)) {
                candidates.put(key, properties.get(key));
                handled.add(key);
            }
        }
        if (umap.containsKey("color")) {
            candidates.put(UMAP_OPTIONS + ".color", umap.get("color"));
            umapHandled.add("color");
        }
        String chosen = null;
        String chosenFrom = null;
        for (Map.Entry<String, JsonValue> candidate : candidates.entrySet()) {
            String key = candidate.getKey();
            JsonValue value = candidate.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL || isBlank(value)) {
                continue;
            }
            if (!(value instanceof JsonString string)) {
                notes.add(key + " dropped: a colour is a string, not " + describe(value));
                continue;
            }
            String text = string.getString();
            String normal = Colors.normalise(text);
            if (normal == null) {
                notes.add(key + " \"" + shorten(text) + "\" dropped: not a colour Waypoint knows (#rrggbb, #rgb,"
                        + " rgb(r, g, b) or a CSS colour name)");
                continue;
            }
            if (chosen == null) {
                try {
                    check.accept(normal);
                    chosen = normal;
                    chosenFrom = key;
                } catch (InvalidMessageException e) {
                    notes.add(key + " \"" + shorten(text) + "\" dropped: " + e.getMessage());
                }
            } else if (!normal.equals(chosen)) {
                notes.add(key + " \"" + shorten(text) + "\" not used: the colour is " + chosenFrom + "'s, " + chosen);
            }
        }
        return chosen;
    }

    // A pin's description: a longer one is cut to the limit. A description that is not a string is left for metadata.
    private String description(Consumer<PinEdit> check) {
        if (!(properties.get("description") instanceof JsonString string)) {
            return null;
        }
        handled.add("description");
        String text = string.getString();
        if (text.isBlank()) {
            return null;
        }
        String fitted = cut(text, limits.descriptionLength());
        try {
            check.accept(new PinEdit(null, null, null, Optional.of(fitted), null, null));
        } catch (InvalidMessageException e) {
            notes.add("description dropped: " + e.getMessage());
            return null;
        }
        if (fitted.length() < text.length()) {
            notes.add("description cut to " + fitted.length() + " characters: a description has at most "
                    + limits.descriptionLength());
        }
        return fitted;
    }

    // Waypoint's own symbol, simplestyle's marker-symbol where a Waypoint icon matches, or uMap's iconUrl when it is an
    // emoji (uMap accepts a character there as well as an image URL).
    private String symbol(Consumer<PinEdit> check) {
        Map<String, String> candidates = new LinkedHashMap<>();
        if (properties.get("symbol") instanceof JsonString symbol) {
            handled.add("symbol");
            candidates.put("symbol", symbol.getString());
        }
        if (properties.get("marker-symbol") instanceof JsonString markerSymbol) {
            handled.add("marker-symbol");
            String text = markerSymbol.getString().strip();
            String icon = Vocabulary.MARKER_SYMBOLS.get(text);
            if (icon != null) {
                candidates.put("marker-symbol", icon);
            } else if (!text.isEmpty()) {
                notes.add("marker-symbol \"" + shorten(text) + "\" dropped: Waypoint has no such symbol (it knows "
                        + Vocabulary.MARKER_SYMBOLS.keySet().stream().sorted().toList() + ")");
            }
        }
        if (umap.get("iconUrl") instanceof JsonString iconUrl) {
            umapHandled.add("iconUrl");
            candidates.put(UMAP_OPTIONS + ".iconUrl", iconUrl.getString());
        }
        String chosen = null;
        String chosenFrom = null;
        for (Map.Entry<String, String> candidate : candidates.entrySet()) {
            String key = candidate.getKey();
            String text = candidate.getValue();
            if (text.isBlank()) {
                continue;
            }
            if (chosen == null) {
                try {
                    check.accept(new PinEdit(null, null, null, null, Optional.of(text), null));
                    chosen = text;
                    chosenFrom = key;
                } catch (InvalidMessageException e) {
                    notes.add(key + " \"" + shorten(text) + "\" dropped: " + e.getMessage());
                }
            } else if (!text.equals(chosen)) {
                notes.add(key + " \"" + shorten(text) + "\" not used: the symbol is " + chosenFrom + "'s");
            }
        }
        return chosen;
    }

    // Waypoint's metadata object first, then every other property with a string, number or boolean value, each kept
    // when the rules accept it, up to the number of keys a pin may have.
    private Metadata metadata(Consumer<PinEdit> check) {
        Map<String, Object> entries = new LinkedHashMap<>();
        List<String> unfit = new ArrayList<>();
        List<String> overflow = new ArrayList<>();
        if (properties.get("metadata") instanceof JsonObject own) {
            handled.add("metadata");
            own.forEach((key, value) -> addMetadata("metadata." + key, key, value, entries, unfit, overflow, check));
        }
        properties.forEach((key, value) -> {
            if (!handled.contains(key) && !ignored(key)) {
                addMetadata(key, key, value, entries, unfit, overflow, check);
            }
        });
        if (!unfit.isEmpty()) {
            notes.add("dropped " + listed(unfit) + ": metadata holds strings, numbers and booleans");
        }
        if (!overflow.isEmpty()) {
            notes.add("dropped " + listed(overflow) + ": a pin has at most " + limits.metadataKeys()
                    + " metadata keys");
        }
        return entries.isEmpty() ? null : new Metadata(entries);
    }

    private void addMetadata(String name, String key, JsonValue value, Map<String, Object> entries, List<String> unfit,
                             List<String> overflow, Consumer<PinEdit> check) {
        switch (value.getValueType()) {
            case NULL:
                return; // says nothing: nothing lost
            case OBJECT:
            case ARRAY:
                unfit.add(shorten(name) + " (" + describe(value) + ")");
                return;
            default:
                break;
        }
        if (entries.containsKey(key)) {
            notes.add(shorten(name) + " dropped: the metadata already has \"" + shorten(key) + "\"");
            return;
        }
        if (entries.size() >= limits.metadataKeys()) {
            overflow.add(name);
            return;
        }
        try {
            Metadata single = Metadata.fromJson(BUILDERS.createObjectBuilder().add(key, value).build());
            check.accept(new PinEdit(null, null, null, null, null, Optional.of(single)));
            entries.put(key, single.values().get(key));
        } catch (InvalidMessageException e) {
            notes.add(shorten(name) + " dropped: " + e.getMessage());
        }
    }

    /** simplestyle keys this kind of feature does not use (a Point's stroke, a LineString's marker-size...). */
    private void dropStyle() {
        List<String> dropped = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (SIMPLESTYLE.contains(key) && !handled.contains(key)) {
                handled.add(key);
                if (value.getValueType() != JsonValue.ValueType.NULL && !isBlank(value)) {
                    dropped.add(key);
                }
            }
        });
        if (!dropped.isEmpty()) {
            notes.add("dropped " + listed(dropped) + ": style without an equivalent in Waypoint");
        }
    }

    private void dropUmapOptions() {
        List<String> dropped = umap.keySet().stream().filter(key -> !umapHandled.contains(key)).toList();
        if (!dropped.isEmpty()) {
            notes.add("dropped " + UMAP_OPTIONS + " " + listed(dropped)
                    + ": uMap display options without an equivalent in Waypoint");
        }
    }

    /** Properties that are no one's: Waypoint's own bookkeeping of a feature it wrote. */
    private boolean ignored(String key) {
        return own && BOOKKEEPING.contains(key);
    }

    private static boolean isBlank(JsonValue value) {
        return value instanceof JsonString string && string.getString().isBlank();
    }

    /** At most {@code max} UTF-16 units (the rules' measure), without splitting a surrogate pair, stripped. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).strip();
    }

    /** Names for a note: at most {@link #LISTED} of them, each shortened, so that a hostile file cannot bloat it. */
    static String listed(List<String> names) {
        String shown = names.stream().limit(LISTED).map(FeatureProperties::shorten).collect(Collectors.joining(", "));
        return names.size() > LISTED ? shown + " and " + (names.size() - LISTED) + " more" : shown;
    }

    static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
