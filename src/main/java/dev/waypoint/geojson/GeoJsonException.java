package dev.waypoint.geojson;

import dev.waypoint.message.ErrorCode;
import dev.waypoint.message.InvalidMessageException;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A GeoJSON file was refused as a whole: nothing of it may be imported. {@link #errors()} names every feature at
 * fault (not only the first), each with its index in the file and its {@code id} when it has one; errors about the
 * file itself (not JSON, not GeoJSON, more pins than a room holds) have the index {@link FeatureError#FILE}.
 *
 * <p>The {@link #code() code} is {@link ErrorCode#MALFORMED_JSON} for text that is not JSON,
 * {@link ErrorCode#NESTING_TOO_DEEP} for hostile nesting, and {@link ErrorCode#INVALID_GEOJSON} for everything else.
 */
public final class GeoJsonException extends InvalidMessageException {

    private static final long serialVersionUID = 1L;

    /** How many errors the exception's message spells out; {@link #errors()} has them all. */
    private static final int ERRORS_IN_MESSAGE = 5;

    private final List<FeatureError> errors;

    public GeoJsonException(ErrorCode code, List<FeatureError> errors) {
        super(code, summary(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refused file has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** A refusal of the file as a whole, for one reason. */
    static GeoJsonException ofFile(ErrorCode code, String message) {
        return new GeoJsonException(code, List.of(new FeatureError(FeatureError.FILE, null, message)));
    }

    /** Every error found, in the order of the file; at most {@code GeoJsonReader.MAX_ERRORS} plus one that counts the rest. */
    public List<FeatureError> errors() {
        return errors;
    }

    private static String summary(List<FeatureError> errors) {
        String listed = errors.stream().limit(ERRORS_IN_MESSAGE).map(FeatureError::describe)
                .collect(Collectors.joining("; "));
        int more = errors.size() - ERRORS_IN_MESSAGE;
        return "GeoJSON refused, nothing imported: " + listed + (more > 0 ? "; and " + more + " more" : "");
    }

    /**
     * What is wrong with one feature of the file.
     *
     * @param featureIndex the feature's index in the {@code features} array (0 for a file that is a single Feature or
     *                     geometry), or {@link #FILE} when the error is about the file as a whole
     * @param featureId    the feature's {@code id} member (a number as its JSON text), or null when it has none
     * @param message      what is wrong, for a person: names the member (such as {@code coordinates[3]}) and the rule
     */
    public record FeatureError(int featureIndex, String featureId, String message) implements Serializable {

        /** The index of an error about the file rather than one feature. */
        public static final int FILE = -1;

        /** "feature 3 (id "a"): message", or "file: message". */
        public String describe() {
            return where(featureIndex, featureId) + ": " + message;
        }

        static String where(int featureIndex, String featureId) {
            if (featureIndex == FILE) {
                return "file";
            }
            return "feature " + featureIndex + (featureId == null ? "" : " (id \"" + shorten(featureId) + "\")");
        }

        private static String shorten(String text) {
            return text.length() > 40 ? text.substring(0, 40) + "…" : text;
        }
    }
}
