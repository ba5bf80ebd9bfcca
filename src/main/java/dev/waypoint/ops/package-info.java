/**
 * Operations: what an operator's tools read about a running server, through MicroProfile Health and Metrics.
 *
 * <ul>
 *   <li><b>Readiness</b> ({@code /health/ready}): one check, {@code waypoint}, that is up only when every
 *   {@link dev.waypoint.ops.ReadinessCheck} bean of the application is. The rooms bring their own; every other
 *   dependency (storage, a cluster) adds one bean and is reported beside it.</li>
 *   <li><b>Metrics</b> ({@code /metrics}, application scope): rooms, connections, messages in and out, error
 *   messages by code, connections the server closed by cause. The counting itself is
 *   {@link dev.waypoint.ops.ServerMetrics}: each call on a message's path is one increment of a lock-free counter,
 *   with no look-up by name.</li>
 * </ul>
 */
package dev.waypoint.ops;
