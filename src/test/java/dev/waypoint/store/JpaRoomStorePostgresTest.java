package dev.waypoint.store;

import dev.waypoint.testsupport.PostgresCluster;
import java.util.UUID;

/** The same store tests against a real PostgreSQL (a throwaway cluster on loopback, see PostgresCluster). */
class JpaRoomStorePostgresTest extends JpaRoomStoreTest {

    private Database.Location location;

    @Override
    Database.Location location() {
        if (location == null) {
            PostgresCluster postgres = PostgresCluster.shared();
            String url = postgres.createDatabase("store_" + UUID.randomUUID().toString().replace("-", ""));
            location = new Database.Location(url, postgres.user(), postgres.password(), null);
        }
        return location;
    }

    @Override
    JpaRoomStore.Upserts expectedUpserts() {
        return JpaRoomStore.Upserts.POSTGRESQL;
    }
}
