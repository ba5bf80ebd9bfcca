package dev.waypoint.geojson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ColorsTest {

    @ParameterizedTest
    @CsvSource({
            "#1E88E5, #1e88e5", "1e88e5, #1e88e5", "#ace, #aaccee", "ace, #aaccee", "'  #ABC  ', #aabbcc",
            "DarkBlue, #00008b", "darkblue, #00008b", "RED, #ff0000", "rebeccapurple, #663399", "grey, #808080",
            "'rgb(255, 128, 0)', #ff8000", "'RGBA(0,0,0,0.5)', #000000", "'rgb( 1 , 2 , 3 )', #010203"})
    void knownNotations(String given, String expected) {
        assertEquals(expected, Colors.normalise(given));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#12345", "#1234567", "#ggg", "blue-ish", "rgb(256, 0, 0)", "rgb(1,2)", "hsl(0,100%,50%)",
            "transparent", "#1e88e5ff"})
    void unknownNotations(String given) {
        assertNull(Colors.normalise(given));
    }

    @Test
    void theTableHoldsEveryCssNamedColour() {
        assertEquals(148, Colors.namedCount());
    }
}
