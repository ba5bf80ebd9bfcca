package dev.waypoint.web;

import dev.waypoint.meetup.LatLng;
import dev.waypoint.meetup.MeetupPlan;
import dev.waypoint.meetup.MeetupPlanner;
import dev.waypoint.meetup.OsrmRouter;
import dev.waypoint.message.Location;
import dev.waypoint.message.Meetup;
import dev.waypoint.message.MeetupRoute;
import dev.waypoint.room.MeetupService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rooms' {@link MeetupService}: the great-circle planner by default, or an OSRM-compatible road router when
 * {@code waypoint.meetup.router-url} is set. Road plans wait for HTTP, so they run on the managed executor and
 * never on a thread that carries a room's traffic; great-circle plans take microseconds and run in place.
 */
@ApplicationScoped
public class MeetupPlanning {

    private static final Logger LOG = Logger.getLogger(MeetupPlanning.class.getName());

    @Inject
    @ConfigProperty(name = "waypoint.meetup.router-url")
    Optional<String> routerUrl;

    @Inject
    @ConfigProperty(name = "waypoint.meetup.router-profile", defaultValue = "driving")
    String routerProfile;

    @Inject
    @ConfigProperty(name = "waypoint.meetup.router-timeout-ms", defaultValue = "2000")
    long routerTimeoutMs;

    @Resource
    ManagedExecutorService executor;

    @Produces
    MeetupService meetups() {
        Optional<String> url = routerUrl.map(String::strip).filter(u -> !u.isEmpty());
        if (url.isEmpty()) {
            return service(MeetupPlanner.greatCircleOnly(), Runnable::run);
        }
        Duration budget = Duration.ofMillis(routerTimeoutMs);
        LOG.log(Level.INFO, "meetups planned with the road router at {0} (profile {1}, budget {2} ms)",
                new Object[] {url.get(), routerProfile, routerTimeoutMs});
        // A connect timeout shorter than the budget reports an unreachable router as such, not as slow.
        Duration connect = budget.compareTo(Duration.ofSeconds(1)) < 0 ? budget : Duration.ofSeconds(1);
        OsrmRouter router = new OsrmRouter(URI.create(url.get()), routerProfile, connect, budget);
        return service(new MeetupPlanner(router, budget), executor);
    }

    /** A meetup service that runs {@code planner} on {@code executor} and hands over its plan as a protocol value. */
    static MeetupService service(MeetupPlanner planner, Executor executor) {
        return (sharing, done) -> executor.execute(() -> done.accept(toMeetup(planner.plan(toLatLng(sharing)))));
    }

    private static Map<String, LatLng> toLatLng(Map<String, Location> sharing) {
        Map<String, LatLng> participants = new LinkedHashMap<>();
        sharing.forEach((id, at) -> participants.put(id, new LatLng(at.lat(), at.lng())));
        return participants;
    }

    static Meetup toMeetup(MeetupPlan plan) {
        return new Meetup(location(plan.point()), plan.method().label(), plan.note(),
                plan.routes().stream().map(route -> new MeetupRoute(route.participantId(),
                        route.points().stream().map(MeetupPlanning::location).toList(), route.distanceMetres(),
                        route.durationSeconds())).toList());
    }

    private static Location location(LatLng point) {
        return new Location(point.lat(), point.lng());
    }
}
