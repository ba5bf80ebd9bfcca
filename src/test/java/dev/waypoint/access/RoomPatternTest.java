package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RoomPatternTest {

    @ParameterizedTest
    @CsvSource({
        "secret-*,      secret-1,         true",
        "secret-*,      secret-,          true",
        "secret-*,      secret,           false",
        "secret-*,      top-secret-1,     false",
        "*,             anything,         true",
        "*,             '',               true",
        "a*b*c,         abc,              true",
        "a*b*c,         aXbYc,            true",
        "a*b*c,         acb,              false",
        "a*b*c,         abcb,             false",
        "*-plans,       team-plans,       true",
        "ab*ba,         aba,              false",
        "room.1,        room.1,           true",
        "room.1,        roomX1,           false",
        "room?,         room?,            true",
        "room?,         room1,            false",
    })
    void starIsTheOnlySpecialCharacter(String pattern, String roomId, boolean matches) {
        assertEquals(matches, new RoomPattern(pattern).matches(roomId));
    }

    @Test
    void listsAreCommaSeparatedAndBlankEntriesIgnored() {
        assertEquals("[secret-*, team-*]", RoomPattern.list(" secret-* ,, team-* ,").toString());
        assertEquals("[]", RoomPattern.list(null).toString());
    }
}
