package dev.waypoint.store;

import dev.waypoint.testsupport.PostgresCluster;
import java.util.UUID;

/** {@link StoredRoomsTest} against a real PostgreSQL. */
class StoredRoomsPostgresTest extends StoredRoomsTest {

    private Database.Location location;

    @Override
    Database.Location location() {
        if (location == null) {
            PostgresCluster postgres = PostgresCluster.shared();
            String url = postgres.createDatabase("rooms_" + UUID.randomUUID().toString().replace("-", ""));
            location = new Database.Location(url, postgres.user(), postgres.password(), null);
        }
        return location;
    }
}
