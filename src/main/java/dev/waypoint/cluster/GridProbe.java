package dev.waypoint.cluster;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;

/** What {@link Grid} asks of Hazelcast, in a class of its own that is loaded only where Hazelcast is. */
final class GridProbe {

    private GridProbe() {
    }

    static boolean isHazelcast(Object candidate) {
        try {
            return candidate instanceof HazelcastInstance;
        } catch (LinkageError noHazelcast) {
            return false;
        }
    }

    /** True if the instance has other members, or is set up to look for them. */
    static boolean formsCluster(Object instance) {
        HazelcastInstance grid = (HazelcastInstance) instance;
        if (grid.getCluster().getMembers().size() > 1) {
            return true;
        }
        JoinConfig join = grid.getConfig().getNetworkConfig().getJoin();
        // Payara Micro's --nocluster (and a lone Payara Server) leaves only Payara's "domain" discovery, which finds
        // no one for a Micro instance: that is not a cluster. Payara Server instances that form one through their
        // domain set waypoint.cluster=on.
        boolean otherDiscovery = join.getDiscoveryConfig().getDiscoveryStrategyConfigs().stream()
                .anyMatch(strategy -> !strategy.getClassName().endsWith(".DomainDiscoveryStrategy"));
        return join.getTcpIpConfig().isEnabled() || join.getMulticastConfig().isEnabled()
                || join.getKubernetesConfig().isEnabled() || otherDiscovery;
    }

    private static String strategies(JoinConfig join) {
        StringBuilder text = new StringBuilder();
        join.getDiscoveryConfig().getDiscoveryStrategyConfigs().forEach(c -> text.append(c.getClassName()).append(c.getProperties()).append(' '));
        return text.toString().trim();
    }

    /** Why this member cannot take part now, or null if it can. */
    static String problem(Object instance) {
        HazelcastInstance grid = (HazelcastInstance) instance;
        if (!grid.getLifecycleService().isRunning()) {
            return "the grid member is not running";
        }
        ClusterState state = grid.getCluster().getClusterState();
        return state == ClusterState.ACTIVE ? null : "the cluster is " + state;
    }

    static int members(Object instance) {
        return ((HazelcastInstance) instance).getCluster().getMembers().size();
    }

    static String describe(Object instance) {
        HazelcastInstance grid = (HazelcastInstance) instance;
        JoinConfig join = grid.getConfig().getNetworkConfig().getJoin();
        return "cluster " + grid.getConfig().getClusterName() + ", " + grid.getCluster().getMembers().size()
                + " member(s), tcp-ip " + join.getTcpIpConfig().isEnabled() + " " + join.getTcpIpConfig().getMembers()
                + ", multicast " + join.getMulticastConfig().isEnabled()
                + ", kubernetes " + join.getKubernetesConfig().isEnabled()
                + ", discovery " + join.getDiscoveryConfig().isEnabled() + " " + strategies(join);
    }
}
