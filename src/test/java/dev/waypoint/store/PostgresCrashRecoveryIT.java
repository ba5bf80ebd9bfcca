package dev.waypoint.store;

import dev.waypoint.testsupport.PayaraMicroProcess;
import dev.waypoint.testsupport.PostgresCluster;
import java.util.UUID;

/**
 * The crash test against PostgreSQL: the throwaway cluster of the tests ({@link PostgresCluster}), a fresh database
 * for this test, given to the server as {@code waypoint.db.url} and {@code waypoint.db.user}; the password goes in
 * the environment ({@code WAYPOINT_DB_PASSWORD}), which keeps it out of the server's log.
 */
class PostgresCrashRecoveryIT extends CrashRecoveryScenario {

    @Override
    PayaraMicroProcess server(String name) {
        PostgresCluster postgres = PostgresCluster.shared();
        String url = postgres.createDatabase("crash_" + UUID.randomUUID().toString().replace("-", ""));
        return new PayaraMicroProcess(name)
                .systemProperty("waypoint.db.url", url)
                .systemProperty("waypoint.db.user", postgres.user())
                .env("WAYPOINT_DB_PASSWORD", postgres.password());
    }
}
