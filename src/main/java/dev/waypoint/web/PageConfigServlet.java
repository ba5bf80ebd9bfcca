package dev.waypoint.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET config.json}: what the map page needs to know about this deployment. The page fetches it relative to
 * itself, so it works under any context root.
 *
 * <ul>
 *   <li>{@code styleUrl}: the MapLibre style, {@code waypoint.map.style-url}. The default is the offline base map
 *   bundled in the WAR; set a real tile style URL where you have one.</li>
 *   <li>{@code pingIntervalMs}: how often the page pings, {@code waypoint.page.ping-interval-ms}.</li>
 *   <li>{@code frameAncestors}: the origins whose pages may frame the embed page and send it commands,
 *   {@code waypoint.frame-ancestors} as {@link FrameAncestors} reads it.</li>
 * </ul>
 *
 * <p>Pages of other origins (portals embedding the map) fetch it too: {@link PublicAssetsCorsFilter} allows that.
 */
@WebServlet("/config.json")
public class PageConfigServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "waypoint.map.style-url", defaultValue = "map/style.json")
    String styleUrl;

    @Inject
    @ConfigProperty(name = "waypoint.page.ping-interval-ms", defaultValue = "30000")
    long pingIntervalMs;

    @Inject
    @ConfigProperty(name = "waypoint.frame-ancestors", defaultValue = FrameAncestors.SELF)
    String frameAncestorsSetting;

    private FrameAncestors frameAncestors;

    @Override
    public void init() {
        frameAncestors = FrameAncestors.parse(frameAncestorsSetting);
        if (!frameAncestors.rejected().isEmpty()) {
            Logger.getLogger(PageConfigServlet.class.getName()).warning(() -> "waypoint.frame-ancestors: ignored "
                    + frameAncestors.rejected() + " (not 'self', *, or an origin such as https://portal.example"
                    + " or http://localhost:*)");
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        JsonArrayBuilder ancestors = Json.createArrayBuilder();
        frameAncestors.patterns().forEach(ancestors::add);
        response.getWriter().write(Json.createObjectBuilder()
                .add("styleUrl", styleUrl)
                .add("pingIntervalMs", pingIntervalMs)
                .add("frameAncestors", ancestors)
                .build().toString());
    }
}
