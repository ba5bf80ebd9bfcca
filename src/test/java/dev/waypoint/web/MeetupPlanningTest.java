package dev.waypoint.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waypoint.meetup.MeetupPlanner;
import dev.waypoint.message.Location;
import dev.waypoint.message.Meetup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MeetupPlanningTest {

    @Test
    void greatCirclePlansBecomeProtocolMeetups() {
        Map<String, Location> sharing = new LinkedHashMap<>();
        sharing.put("u1", new Location(0, 10));
        sharing.put("u2", new Location(0, 20));
        AtomicReference<Meetup> planned = new AtomicReference<>();
        MeetupPlanning.service(MeetupPlanner.greatCircleOnly(), Runnable::run).plan(sharing, planned::set);
        Meetup meetup = planned.get();
        assertEquals("great-circle", meetup.method());
        assertEquals(15.0, meetup.point().lng(), 1e-9);
        assertEquals(0.0, meetup.point().lat(), 1e-9);
        assertEquals("u1", meetup.routes().get(0).participantId());
        assertEquals(new Location(0, 10), meetup.routes().get(0).points().get(0));
        assertEquals(2, meetup.routes().size());
    }
}
