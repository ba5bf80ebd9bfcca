package dev.waypoint.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code waypoint} ({@code GET /health/ready}): up when every {@link ReadinessCheck} of the
 * application is, with each one's state in its data.
 */
@Readiness
@ApplicationScoped
public class WaypointReadiness implements HealthCheck {

    public static final String NAME = "waypoint";

    @Inject
    @Any
    Instance<ReadinessCheck> checks;

    @Override
    public HealthCheckResponse call() {
        ReadinessReport report = ReadinessReport.of(checks);
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(report.ready());
        report.data().forEach(response::withData);
        return response.build();
    }
}
