/**
 * Meet up: where participants sharing their locations should meet, and how each of them gets there. Plain Java, no
 * container: the web layer configures a {@link dev.waypoint.meetup.MeetupPlanner} (with an
 * {@link dev.waypoint.meetup.OsrmRouter} when a road router is configured) and calls it off the room's lock.
 *
 * <p>Guarantees, each covered by unit tests:
 * <ul>
 *   <li><b>A sensible point without setup.</b> {@link dev.waypoint.meetup.MeetingPoint} is the point with the
 *   shortest longest great-circle distance to everyone, exact to rounding, across the antimeridian and the poles
 *   too.</li>
 *   <li><b>Roads when configured, never worse than no router.</b> With a router the point is chosen on travel time
 *   and routes follow roads; a router that fails, answers nonsense or is slower than the planner's budget gives the
 *   great-circle plan with a note saying why, within the budget.</li>
 *   <li><b>The router client follows OSRM's documented HTTP API</b> (route and table services, [lng, lat] order) and
 *   turns every failure into a short {@link dev.waypoint.meetup.RouterException}.</li>
 * </ul>
 */
package dev.waypoint.meetup;
