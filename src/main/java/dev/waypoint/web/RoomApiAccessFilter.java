package dev.waypoint.web;

import dev.waypoint.access.Access;
import dev.waypoint.access.AccessPolicy;
import dev.waypoint.access.RequestRates;
import dev.waypoint.access.RoomApiRequests;
import dev.waypoint.message.ErrorCode;
import dev.waypoint.ops.ServerMetrics;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * The HTTP API of rooms ({@code /api/rooms/{room}/...}) obeys who may connect as the WebSocket does
 * ({@link RoomApiRequests}): a protected room needs a token, as {@code Authorization: Bearer TOKEN} or the
 * {@code token} query parameter (for a download link); a view token may read but not change; and a request that
 * changes a room must not come from a page of a foreign origin (a cross-site form could otherwise post to it).
 *
 * <p>Before any of that, each client address has a request budget ({@link dev.waypoint.access.RequestRates}: a
 * token bucket, {@code waypoint.api.requests-per-second} and {@code waypoint.api.request-burst}), so that no one
 * address can keep the server busy with the API's database work; the address is the peer's, or the client's that
 * trusted proxies name, as for WebSocket connections.
 *
 * <p>Refusals, in the API's error form {@code {"code":..,"message":..}}: 429 {@code rate_limited} with
 * {@code Retry-After} (seconds) over the budget (counted in {@code waypoint_errors_total{code="rate_limited"}}); 400
 * for a path the API never uses (dot segments, matrix parameters); 401 without a token, or with an expired one (with
 * {@code WWW-Authenticate: Bearer}); 403 for a token that is not valid or not for this room, a view token on a change
 * ({@code read_only}), or a foreign origin.
 */
@WebFilter(urlPatterns = "/api/rooms/*", asyncSupported = true)
public class RoomApiAccessFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String BEARER = "bearer ";

    @Inject
    AccessSettings access;

    @Inject
    ServerMetrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestRates.Verdict rate = access.apiRates().take(access.clientAddress(request));
        if (!rate.allowed()) {
            metrics.errorSent(ErrorCode.RATE_LIMITED);
            response.setHeader("Retry-After", String.valueOf(rate.retryAfterSeconds()));
            double perSecond = access.apiRates().limits().perSecond();
            refuse(response, 429, ErrorCode.RATE_LIMITED, "more requests than this server takes from one address ("
                    + (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond))
                    + " a second): try again in " + rate.retryAfterSeconds() + " s", null);
            return;
        }
        String room;
        try {
            room = RoomApiRequests.room(request.getRequestURI().substring(request.getContextPath().length()));
        } catch (RoomApiRequests.Unreadable e) {
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, ErrorCode.INVALID_ROOM, e.getMessage(), null);
            return;
        }
        if (room == null) {
            chain.doFilter(request, response);
            return;
        }
        Access needed = RoomApiRequests.needed(request.getMethod());
        if (needed == Access.EDIT && !access.origins().permits(request.getHeader("Origin"), request.getHeader("Host"))) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, ErrorCode.ACCESS_DENIED,
                    "pages from this origin may not change rooms", null);
            return;
        }
        String token = bearer(request.getHeader("Authorization"));
        if (token == null) {
            token = RoomApiRequests.queryParameter(request.getQueryString(), AccessPolicy.TOKEN_PARAMETER);
        }
        AccessPolicy.Decision decision = access.policy().decide(room, token);
        if (decision instanceof AccessPolicy.Refused refused) {
            boolean noToken = token == null || token.isEmpty();
            boolean expired = refused.code() == ErrorCode.TOKEN_EXPIRED;
            refuse(response, noToken || expired ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN,
                    refused.code(), refused.message(), noToken ? "Bearer realm=\"waypoint\""
                            : expired ? "Bearer realm=\"waypoint\", error=\"invalid_token\"" : null);
            return;
        }
        if (((AccessPolicy.Admitted) decision).access().compareTo(needed) < 0) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, ErrorCode.READ_ONLY,
                    "you may view this room but not change it", null);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static void refuse(HttpServletResponse response, int status, ErrorCode code, String message,
            String challenge) throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.createObjectBuilder().add("code", code.wireName()).add("message", message)
                .build().toString());
    }
}
