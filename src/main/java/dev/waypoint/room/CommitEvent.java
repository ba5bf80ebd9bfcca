package dev.waypoint.room;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One commit of the {@link WriteBehind}, as a Java Flight Recorder event (recorded only while a recording with this
 * event enabled runs, e.g. {@code -XX:StartFlightRecording}; otherwise it costs a field check). The event's duration
 * is the whole turn of the writer: drain, store, release; its fields split it.
 */
@Name("dev.waypoint.Commit")
@Label("Waypoint commit")
@Category("Waypoint")
@Description("One group commit of rooms' changes, and the release of the frames that waited for it")
@StackTrace(false)
final class CommitEvent extends Event {

    @Label("Rooms")
    int rooms;

    @Label("Pins and routes written")
    int items;

    @Label("Drain")
    @Timespan(Timespan.NANOSECONDS)
    long drainNanos;

    @Label("Store")
    @Timespan(Timespan.NANOSECONDS)
    long storeNanos;

    @Label("Release")
    @Timespan(Timespan.NANOSECONDS)
    long releaseNanos;

    @Label("Failed")
    boolean failed;
}
