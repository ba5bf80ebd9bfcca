package dev.waypoint.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API under {@code /api/} (the WebSocket {@code /api/map} is the endpoint's, not this application's). */
@ApplicationPath("/api")
public class ApiApplication extends Application {
}
