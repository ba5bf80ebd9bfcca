package dev.waypoint.web;

import dev.waypoint.access.OriginPolicy;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands what the handshake knows to the connection ({@link Handshake}). Runs inside {@link HandshakeFilter} where
 * the container upgrades within the filter chain (Tyrus): then the origin was checked already and the client's
 * address is known. Otherwise it checks the origin here, where the headers are at hand but no 403 can be sent, and
 * the endpoint closes the connection.
 *
 * <p>Endpoint instances are still created by the container's default configurator (CDI injection included): this
 * class overrides nothing else.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private static final String BEARER = "bearer ";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        config.getUserProperties().put(Handshake.KEY, handshake(request.getHeaders(), HandshakeFilter.CLIENT_ADDRESS.get(),
                () -> CDI.current().select(AccessSettings.class).get().origins()));
    }

    /**
     * @param clientAddress what {@link HandshakeFilter} found, or null when it did not run
     * @param origins the origin policy, asked for only when the filter did not run
     */
    static Handshake handshake(Map<String, List<String>> headers, String clientAddress, Supplier<OriginPolicy> origins) {
        boolean originRefused = clientAddress == null
                && !origins.get().permits(Handshake.header(headers, "Origin"), Handshake.header(headers, "Host"));
        String authorization = Handshake.header(headers, "Authorization");
        String bearer = authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                ? authorization.substring(BEARER.length()).strip() : null;
        return new Handshake(clientAddress, originRefused, bearer == null || bearer.isEmpty() ? null : bearer);
    }
}
