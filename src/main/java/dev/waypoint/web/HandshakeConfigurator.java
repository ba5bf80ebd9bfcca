package dev.waypoint.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Locale;

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
        String clientAddress = HandshakeFilter.CLIENT_ADDRESS.get();
        boolean originRefused = false;
        if (clientAddress == null) {
            AccessSettings access = CDI.current().select(AccessSettings.class).get();
            originRefused = !access.origins().permits(Handshake.header(request.getHeaders(), "Origin"),
                    Handshake.header(request.getHeaders(), "Host"));
        }
        String authorization = Handshake.header(request.getHeaders(), "Authorization");
        String bearer = authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                ? authorization.substring(BEARER.length()).strip() : null;
        config.getUserProperties().put(Handshake.KEY, new Handshake(clientAddress, originRefused, bearer));
    }
}
