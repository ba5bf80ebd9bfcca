package dev.waypoint.cluster;

import dev.waypoint.testsupport.PayaraMicroProcess;

/** The cluster scenario with no database at all, as the README's cluster commands run it: rooms live in the grid. */
class ClusterIT extends ClusterScenario {

    @Override
    PayaraMicroProcess withStorage(PayaraMicroProcess instance) {
        return instance;
    }

    @Override
    String storageLogLine() {
        return "Rooms are kept in the cluster's data grid";
    }
}
