package dev.waypoint.web;

import dev.waypoint.access.AccessPolicy;
import dev.waypoint.access.ActiveRooms;
import dev.waypoint.access.ClientAddress;
import dev.waypoint.access.ConnectionLimiter;
import dev.waypoint.access.OriginPolicy;
import dev.waypoint.access.PageHeaders;
import dev.waypoint.access.RateLimits;
import dev.waypoint.access.RequestRates;
import dev.waypoint.access.RoomPattern;
import dev.waypoint.access.TokenRules;
import dev.waypoint.access.TokenVerifier;
import dev.waypoint.access.VerificationKeys;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may connect and how much, from MicroProfile Config (the README's "Who may connect" lists every setting), built
 * once into the rules of {@link dev.waypoint.access}, when the application starts. A setting that cannot be
 * understood (an origin that is not one, a secret too short for HS256, an unreadable key file) keeps the application
 * from starting, with an exception naming it: a server that ran with a security setting silently dropped would be
 * worse than one that does not start.
 */
@ApplicationScoped
public class AccessSettings {

    private static final Logger LOG = Logger.getLogger(AccessSettings.class.getName());

    @Inject
    @ConfigProperty(name = "waypoint.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "waypoint.require-origin", defaultValue = "false")
    boolean requireOrigin;

    @Inject
    @ConfigProperty(name = "waypoint.trusted-proxies")
    Optional<String> trustedProxies;

    @Inject
    @ConfigProperty(name = "waypoint.access.protected-rooms")
    Optional<String> protectedRooms;

    @Inject
    @ConfigProperty(name = "waypoint.access.hs256-secret")
    Optional<String> hs256Secret;

    @Inject
    @ConfigProperty(name = "waypoint.access.rs256-public-key")
    Optional<String> rs256PublicKey;

    @Inject
    @ConfigProperty(name = "waypoint.access.rs256-public-key-location")
    Optional<String> rs256PublicKeyLocation;

    @Inject
    @ConfigProperty(name = "waypoint.access.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "waypoint.access.audience")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "waypoint.access.edit-group", defaultValue = "waypoint.edit")
    String editGroup;

    @Inject
    @ConfigProperty(name = "waypoint.access.view-group", defaultValue = "waypoint.view")
    String viewGroup;

    @Inject
    @ConfigProperty(name = "waypoint.access.clock-skew-seconds", defaultValue = "30")
    long clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "waypoint.client.messages-per-second", defaultValue = "20")
    double messagesPerSecond;

    @Inject
    @ConfigProperty(name = "waypoint.client.message-burst", defaultValue = "60")
    int messageBurst;

    @Inject
    @ConfigProperty(name = "waypoint.client.max-dropped-per-minute", defaultValue = "120")
    int maxDroppedPerMinute;

    @Inject
    @ConfigProperty(name = "waypoint.api.requests-per-second", defaultValue = "10")
    double apiRequestsPerSecond;

    @Inject
    @ConfigProperty(name = "waypoint.api.request-burst", defaultValue = "40")
    int apiRequestBurst;

    @Inject
    @ConfigProperty(name = "waypoint.api.max-tracked-addresses", defaultValue = "10000")
    int apiMaxTrackedAddresses;

    @Inject
    @ConfigProperty(name = "waypoint.max-connections-per-address", defaultValue = "200")
    int maxConnectionsPerAddress;

    @Inject
    @ConfigProperty(name = "waypoint.max-active-rooms", defaultValue = "10000")
    int maxActiveRooms;

    @Inject
    @ConfigProperty(name = "waypoint.frame-ancestors")
    Optional<String> frameAncestors;

    @Inject
    @ConfigProperty(name = "waypoint.csp.map-sources")
    Optional<String> mapSources;

    @Inject
    @ConfigProperty(name = "waypoint.map.style-url", defaultValue = "map/style.json")
    String styleUrl;

    private OriginPolicy origins;
    private ClientAddress clientAddress;
    private AccessPolicy policy;
    private RateLimits rateLimits;
    private ConnectionLimiter connections;
    private RequestRates apiRates;
    private ActiveRooms activeRooms;
    private PageHeaders pageHeaders;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void build() {
        origins = setting("waypoint.allowed-origins", () -> OriginPolicy.of(allowedOrigins.orElse(null), requireOrigin));
        clientAddress = new ClientAddress(trustedProxies.orElse(null));
        byte[] secret = hs256Secret.map(s -> setting("waypoint.access.hs256-secret", () -> VerificationKeys.secret(s)))
                .orElse(null);
        Map<String, PublicKey> rsaKeys = rsaKeys();
        TokenRules rules = new TokenRules(issuer.orElse(null), audience.orElse(null), editGroup, viewGroup,
                Duration.ofSeconds(clockSkewSeconds));
        policy = new AccessPolicy(RoomPattern.list(protectedRooms.orElse(null)),
                new TokenVerifier(secret, rsaKeys, rules, clock));
        rateLimits = setting("waypoint.client.message-burst",
                () -> new RateLimits(messagesPerSecond, messageBurst, maxDroppedPerMinute));
        connections = new ConnectionLimiter(maxConnectionsPerAddress);
        apiRates = new RequestRates(setting("waypoint.api.request-burst",
                () -> new RequestRates.Limits(apiRequestsPerSecond, apiRequestBurst, apiMaxTrackedAddresses)));
        activeRooms = new ActiveRooms(maxActiveRooms);
        pageHeaders = setting("waypoint.frame-ancestors",
                () -> new PageHeaders(frameAncestors.orElse("'self'"), mapSources.orElse(null), styleUrl));
        if (!policy.protectedRooms().isEmpty() && secret == null && rsaKeys.isEmpty()) {
            LOG.warning("waypoint.access.protected-rooms is set but neither waypoint.access.hs256-secret nor an RS256"
                    + " public key is: every connection to a protected room will be refused");
        }
        LOG.info(() -> "Waypoint access: origins " + origins + "; protected rooms " + policy.protectedRooms()
                + "; tokens " + (secret != null ? "HS256" : "") + (secret != null && !rsaKeys.isEmpty() ? " and " : "")
                + (rsaKeys.isEmpty() ? "" : "RS256 (" + rsaKeys.size() + " key(s))")
                + (secret == null && rsaKeys.isEmpty() ? "not accepted" : "")
                + "; per connection " + (rateLimits.limited() ? messagesPerSecond + " messages/s (burst " + messageBurst
                        + ", closed after " + maxDroppedPerMinute + " dropped a minute)" : "no message limit")
                + "; " + (maxConnectionsPerAddress > 0 ? maxConnectionsPerAddress : "unlimited") + " connections per address"
                + "; HTTP API " + (apiRates.limits().limited() ? apiRequestsPerSecond + " requests/s per address (burst "
                        + apiRequestBurst + ")" : "not limited")
                + "; " + (maxActiveRooms > 0 ? maxActiveRooms : "unlimited") + " active rooms"
                + "; frame-ancestors " + pageHeaders.frameAncestors());
    }

    /** Builds the rules when the application starts, so that a bad setting fails the deployment, not a connection. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        origins();
    }

    private Map<String, PublicKey> rsaKeys() {
        if (rs256PublicKey.isPresent() && rs256PublicKeyLocation.isPresent()) {
            throw new IllegalStateException("set waypoint.access.rs256-public-key or waypoint.access.rs256-public-key-location, not both");
        }
        if (rs256PublicKey.isPresent()) {
            return setting("waypoint.access.rs256-public-key", () -> VerificationKeys.rsaPublicKeys(rs256PublicKey.get()));
        }
        if (rs256PublicKeyLocation.isPresent()) {
            Path file = Path.of(rs256PublicKeyLocation.get().replaceFirst("^file:(//)?", ""));
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalStateException("waypoint.access.rs256-public-key-location: cannot read " + file + ": " + e, e);
            }
            return setting("waypoint.access.rs256-public-key-location", () -> VerificationKeys.rsaPublicKeys(text));
        }
        return Map.of();
    }

    private static <T> T setting(String property, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": " + e.getMessage(), e);
        }
    }

    public OriginPolicy origins() {
        return origins;
    }

    /** The address a request is counted under (see {@link ClientAddress}). */
    public String clientAddress(String peer, String forwardedFor) {
        return clientAddress.of(peer, forwardedFor);
    }

    /** The address an HTTP request is counted under: its peer, or what trusted proxies say in X-Forwarded-For. */
    public String clientAddress(HttpServletRequest request) {
        String forwardedFor = String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")));
        return clientAddress(request.getRemoteAddr(), forwardedFor.isEmpty() ? null : forwardedFor);
    }

    /** Requests per client address to the HTTP API of rooms. */
    public RequestRates apiRates() {
        return apiRates;
    }

    public AccessPolicy policy() {
        return policy;
    }

    /** The clock tokens are checked against, at connect and while a connection is open. */
    public Clock clock() {
        return clock;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    public ConnectionLimiter connections() {
        return connections;
    }

    public ActiveRooms activeRooms() {
        return activeRooms;
    }

    public PageHeaders pageHeaders() {
        return pageHeaders;
    }
}
