package dev.waypoint.store;

import dev.waypoint.ops.ReadinessCheck;
import dev.waypoint.room.WriteBehind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Readiness of the rooms' storage: not ready while the writer's last commit failed (changes are then held from clients
 * and, past a bound, refused), ready again with the next commit that succeeds. Answers from the writer's state, never
 * by touching the database, so a probe cannot hang on a dead one.
 */
@ApplicationScoped
public class StorageReadiness implements ReadinessCheck {

    @Inject
    StorageProducer storage;

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public Status check() {
        Optional<WriteBehind> writer = storage.writer();
        if (writer.isEmpty()) {
            return Status.ready("in memory only (waypoint.storage=memory)");
        }
        String failure = writer.get().failure();
        return failure == null ? Status.ready(writer.get().commits() + " commits")
                : Status.notReady("the last commit failed: " + failure);
    }
}
