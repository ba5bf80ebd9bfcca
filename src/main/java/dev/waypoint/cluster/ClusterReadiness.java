package dev.waypoint.cluster;

import dev.waypoint.ops.ReadinessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Readiness of cluster membership: on an instance of a cluster, ready while its grid member is running and the
 * cluster accepts operations (not during a merge after a split, nor when frozen); alone, always ready. Answers from the
 * member's own state: no call across the network.
 */
@ApplicationScoped
public class ClusterReadiness implements ReadinessCheck {

    @Inject
    Grid grid;

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Status check() {
        if (!grid.clustered()) {
            return Status.ready("not clustered: rooms are kept in this server");
        }
        String problem = GridProbe.problem(grid.hazelcast());
        int members = GridProbe.members(grid.hazelcast());
        return problem == null ? Status.ready(members == 1 ? "1 member" : members + " members") : Status.notReady(problem);
    }
}
