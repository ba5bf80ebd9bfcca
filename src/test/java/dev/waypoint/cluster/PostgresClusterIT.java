package dev.waypoint.cluster;

import dev.waypoint.testsupport.PayaraMicroProcess;
import dev.waypoint.testsupport.PostgresCluster;

/** The cluster scenario with both instances on one PostgreSQL database (a throwaway server on loopback). */
class PostgresClusterIT extends ClusterScenario {

    private String url;

    @Override
    PayaraMicroProcess withStorage(PayaraMicroProcess instance) {
        PostgresCluster postgres = PostgresCluster.shared();
        if (url == null) {
            url = postgres.createDatabase("cluster_it"); // one database, both instances
        }
        return instance.systemProperty("waypoint.db.url", url)
                .systemProperty("waypoint.db.user", postgres.user())
                .systemProperty("waypoint.db.password", postgres.password());
    }

    @Override
    String storageLogLine() {
        return "jdbc:postgresql://127.0.0.1";
    }
}
