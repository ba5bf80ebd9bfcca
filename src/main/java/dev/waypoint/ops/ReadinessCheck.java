package dev.waypoint.ops;

/**
 * One thing the server needs before it can serve: the rooms, storage, a cluster. Every bean of this type is part of
 * the readiness check {@code waypoint} at {@code /health/ready}, which is up only when all of them are. To add a
 * dependency, add an {@code @ApplicationScoped} bean implementing this; nothing else changes.
 *
 * <p>{@link #check()} is called for every readiness probe (orchestrators probe every few seconds): it must answer
 * quickly from state it already has, or with a short, bounded probe, and never block on a dead dependency.
 */
public interface ReadinessCheck {

    /** A short name, the key of this check in the readiness data: {@code rooms}, {@code storage}. */
    String name();

    Status check();

    /** Whether the dependency can serve now, and a few words for the operator. */
    record Status(boolean ready, String detail) {

        public static Status ready(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }
}
