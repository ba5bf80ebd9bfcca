package dev.waypoint.web;

import dev.waypoint.access.OriginPolicy;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Unmanaged;
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
 * <p>Endpoint instances are created here, with CDI injection, through one {@link Unmanaged} per endpoint class (its
 * injection target, built once). The container's default (Tyrus's {@code CdiComponentProvider}) builds a new
 * injection target for every connection while holding the bean manager's monitor, so concurrent handshakes queued
 * behind each other: in a fanout run's JFR recording, 254 handshake threads waited 33 s in all on that monitor
 * (src/bench/RESULTS.md, 2026-11-27 21:20). The endpoint injects only application-scoped and singleton beans, so
 * nothing dependent is left to release when a connection closes; an endpoint that injected a {@code @Dependent} bean
 * would have to dispose of its instance in {@code @OnClose}.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private static final String BEARER = "bearer ";

    /** Per endpoint class (so per deployment: a redeployment loads the classes anew), its injection target. */
    private static final ClassValue<Unmanaged<?>> ENDPOINTS = new ClassValue<>() {
        @Override
        protected Unmanaged<?> computeValue(Class<?> type) {
            return new Unmanaged<>(CDI.current().getBeanManager(), type);
        }
    };

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            @SuppressWarnings("unchecked")
            Unmanaged<T> unmanaged = (Unmanaged<T>) ENDPOINTS.get(endpointClass);
            return unmanaged.newInstance().produce().inject().postConstruct().get();
        } catch (RuntimeException e) {
            InstantiationException failed = new InstantiationException("cannot create " + endpointClass.getName());
            failed.initCause(e);
            throw failed;
        }
    }

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
