package dev.waypoint.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomApiRequestsTest {

    @ParameterizedTest
    @CsvSource({
        "/api/rooms/secret-1/geojson,              secret-1",
        "/api/rooms/secret-1,                      secret-1",
        "/api/rooms/secret-1/sessions/s3/restore,  secret-1",
        "/api/rooms/team%20red/sessions,           team red",
        "/api/rooms/caf%C3%A9/geojson,             café",
        "/api/rooms/%73ecret-1/geojson,            secret-1",
        "/api/rooms/a+b/geojson,                   a+b",
    })
    void theRoomIsTheDecodedFirstSegment(String path, String room) throws Exception {
        assertEquals(room, RoomApiRequests.room(path));
    }

    @Test
    void pathsThatNameNoRoomAreNotRooms() throws Exception {
        assertNull(RoomApiRequests.room("/api/rooms/"));
        assertNull(RoomApiRequests.room("/api/map"));
        assertNull(RoomApiRequests.room("/index.html"));
        assertNull(RoomApiRequests.room(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/rooms/open/../secret-1/geojson", "/api/rooms/./secret-1", "/api/rooms/secret-1;x=1/geojson",
        "/api/rooms//geojson", "/api/rooms/a//geojson", "/api/rooms/%2e%2e/secret-1", "/api/rooms/bad%zz", "/api/rooms/bad%4",
        "/api/rooms/bad%C3"})
    void ambiguousPathsAreRefused(String path) {
        assertThrows(RoomApiRequests.Unreadable.class, () -> RoomApiRequests.room(path));
    }

    @ParameterizedTest
    @CsvSource({"GET, VIEW", "head, VIEW", "OPTIONS, VIEW", "POST, EDIT", "PUT, EDIT", "DELETE, EDIT", "PATCH, EDIT"})
    void readingNeedsViewAndEverythingElseEdit(String method, Access needed) {
        assertEquals(needed, RoomApiRequests.needed(method));
    }

    @Test
    void theTokenIsFoundInTheQuery() {
        assertEquals("a.b.c", RoomApiRequests.queryParameter("author=Ana&token=a.b.c", "token"));
        assertEquals("x y", RoomApiRequests.queryParameter("token=x+y", "token"));
        assertNull(RoomApiRequests.queryParameter("tokens=1", "token"));
        assertNull(RoomApiRequests.queryParameter(null, "token"));
    }
}
