package dev.waypoint.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets the portals named by {@code waypoint.frame-ancestors} frame the embed page ({@code embed.html}).
 *
 * <p>Payara sends {@code X-Frame-Options: SAMEORIGIN} on every response, which alone would keep the page out of any
 * other origin's frame. Browsers ignore {@code X-Frame-Options} when the response carries a Content-Security-Policy
 * with {@code frame-ancestors}, so this sends {@code frame-ancestors 'self'} plus the configured origins
 * ({@link FrameAncestors#cspSource()}): the same list the page itself checks before it talks to its parent.
 */
@WebFilter(filterName = "EmbedFrame", urlPatterns = "/embed.html")
public class EmbedFrameFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "waypoint.frame-ancestors", defaultValue = FrameAncestors.SELF)
    String frameAncestorsSetting;

    private String policy;

    @Override
    public void init() {
        policy = "frame-ancestors " + FrameAncestors.parse(frameAncestorsSetting).cspSource();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", policy);
        chain.doFilter(request, response);
    }
}
