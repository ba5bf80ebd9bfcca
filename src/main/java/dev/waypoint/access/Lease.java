package dev.waypoint.access;

/** A place taken under a limit; {@link #release()} gives it back, once, however often it is called. */
@FunctionalInterface
public interface Lease {

    /** A lease that holds nothing, for what no limit applies to. */
    Lease NONE = () -> { };

    void release();
}
