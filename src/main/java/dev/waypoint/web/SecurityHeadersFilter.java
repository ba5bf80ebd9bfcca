package dev.waypoint.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Adds the security headers of {@link dev.waypoint.access.PageHeaders} to every response of the application: the
 * page, its scripts (a module worker takes its policy from its script's response), and the rest. Set before the
 * response is written, so they are there whether the response comes from a servlet or the container's static files.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    AccessSettings access;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        for (Map.Entry<String, String> header : access.pageHeaders().headers(request.getHeader("Host")).entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        chain.doFilter(request, response);
    }
}
