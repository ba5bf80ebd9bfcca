package dev.waypoint.store;

/**
 * The same store tests on H2 with writes through entities, the path for a database whose upsert statement the store
 * does not know.
 */
class JpaRoomStoreEntitiesTest extends JpaRoomStoreTest {

    @Override
    JpaRoomStore newStore(Database database) {
        return new JpaRoomStore(database.factory(), JpaRoomStore.Upserts.NONE);
    }

    @Override
    JpaRoomStore.Upserts expectedUpserts() {
        return JpaRoomStore.Upserts.NONE;
    }
}
