package dev.waypoint.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets pages of other origins load Waypoint's public static files: the {@code <waypoint-map>} element
 * ({@code embed/}), the modules it imports ({@code js/}), MapLibre and its worker ({@code lib/}), the base map's
 * style and GeoJSON ({@code map/}), the icons its stylesheet masks with ({@code icons/}), the stylesheets
 * ({@code css/}) and {@code config.json}.
 *
 * <p>A portal on another origin fetches all of these in CORS mode: module scripts and their imports, {@code fetch}
 * of the style and config, MapLibre's worker (a same-origin {@code blob:} module that imports the cross-origin worker
 * module), the GeoJSON the worker loads, and CSS mask images. Without {@code Access-Control-Allow-Origin} the browser
 * refuses every one of them.
 *
 * <p>{@code *} is right here because these files are the same for everyone and carry no credentials; it never
 * applies to the WebSocket ({@code api/}), which is guarded by its own origin check. {@code Cross-Origin-Resource-Policy:
 * cross-origin} lets portals that isolate themselves (COEP {@code require-corp}) load them too.
 */
@WebFilter(filterName = "PublicAssetsCors", urlPatterns = {
    "/embed/*", "/js/*", "/lib/*", "/map/*", "/icons/*", "/css/*", "/config.json", "/favicon.svg"})
public class PublicAssetsCorsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (isRead(request.getMethod())) {
            response.setHeader("Access-Control-Allow-Origin", "*");
            response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        }
        chain.doFilter(request, response);
    }

    /** Only reads are shared: nothing under these paths accepts anything else. */
    static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }
}
