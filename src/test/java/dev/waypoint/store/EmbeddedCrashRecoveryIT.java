package dev.waypoint.store;

import dev.waypoint.testsupport.PayaraMicroProcess;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;

/** The crash test on the embedded default: an H2 file database under a fresh {@code waypoint.data.dir}. */
class EmbeddedCrashRecoveryIT extends CrashRecoveryScenario {

    @Override
    PayaraMicroProcess server(String name) {
        Path dataDir = Paths.get(System.getProperty("project.basedir", "."), "target", "crash-data",
                UUID.randomUUID().toString());
        return new PayaraMicroProcess(name).systemProperty("waypoint.data.dir", dataDir.toString());
    }
}
