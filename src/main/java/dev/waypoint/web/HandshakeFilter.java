package dev.waypoint.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands in front of the WebSocket upgrade of {@code /api/map}: refuses a handshake from a page whose origin is not
 * allowed with HTTP 403, before any WebSocket exists, and tells {@link HandshakeConfigurator} the client's address.
 *
 * <p>Why a servlet filter: the WebSocket API's own hook, {@code ServerEndpointConfig.Configurator.checkOrigin}, is
 * given the {@code Origin} alone, without the {@code Host} the client addressed, so it cannot tell the server's own
 * pages from others under a name it does not know in advance; and no part of the WebSocket API sees the client's
 * address. Tyrus (Payara, GlassFish) upgrades in a servlet filter of its own that it registers for {@code /*} with
 * {@code isMatchAfter = true}, i.e. after the filters the application declares: this filter runs first, and the
 * upgrade, {@code modifyHandshake} included, runs inside its {@code chain.doFilter} on the same thread. Where a
 * container upgrades before the application's filters, {@link HandshakeConfigurator} still checks the origin (and the
 * endpoint closes a refused connection with 1008), but the client's address is unknown there and connections per
 * address are not limited; the endpoint logs that once.
 */
@WebFilter(urlPatterns = "/api/map", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    /** The client address of the handshake running on this thread, for {@link HandshakeConfigurator}. */
    static final ThreadLocal<String> CLIENT_ADDRESS = new ThreadLocal<>();

    @Inject
    AccessSettings access;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        if (!access.origins().permits(origin, request.getHeader("Host"))) {
            LOG.log(Level.FINE, "refused a WebSocket handshake from origin {0} ({1})",
                    new Object[] {origin, request.getRemoteAddr()});
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(origin == null
                    ? "WebSocket handshake refused: this server requires an Origin header.\n"
                    : "WebSocket handshake refused: pages from this origin may not connect to this server.\n");
            return;
        }
        CLIENT_ADDRESS.set(access.clientAddress(request));
        UpgradeBuffer.CONTAINER.shrink(response);
        try {
            chain.doFilter(request, response);
        } finally {
            CLIENT_ADDRESS.remove();
        }
    }
}
