package dev.waypoint.web;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shrinks the output buffer that a WebSocket connection inherits from its handshake's HTTP response, on Payara and
 * GlassFish; elsewhere it does nothing.
 *
 * <p>Why: Tyrus writes every WebSocket frame to the upgraded connection's servlet output stream and flushes it.
 * Grizzly allocates a new buffer of the response's buffer size for each of those writes and hands it to the socket,
 * and the web container (Catalina's {@code OutputBuffer}) sets that size to 8 KiB on every request, ignoring
 * Grizzly's {@code default-buffer-size} property; the servlet API can only grow it. So a 150-byte {@code pinUpdate}
 * cost 8 KiB of fresh heap: 55 % of everything the server allocated in the fanout benchmark, a young collection every
 * second, and its pauses in the latency tail (src/bench/RESULTS.md, 2026-11-27 17:40).
 *
 * <p>How: the container's own response, reached through Catalina's {@code ResponseFacade.response} and its public
 * {@code getCoyoteResponse()}, whose Grizzly {@code setBufferSize} takes any size from 512 bytes while the response
 * is not committed, i.e. before the upgrade. The lookups are reflective because these are the container's classes,
 * not an API; anything unexpected turns the shrinking off for good, logged once, and the connection works as before.
 * A frame longer than the buffer is written in several buffers, in order.
 */
final class UpgradeBuffer {

    private static final Logger LOG = Logger.getLogger(UpgradeBuffer.class.getName());

    /** Grizzly's smallest output buffer; a typical frame of the demo's protocol is 100–300 bytes. */
    static final int BYTES = 512;

    /** The facade's field holding the container's response, per facade class (found once, not per handshake). */
    private static final ClassValue<Field> RESPONSE_FIELD = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField("response");
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException e) {
                    // look further up
                }
            }
            return null;
        }
    };
    private static final ClassValue<Method> GET_COYOTE_RESPONSE = method("getCoyoteResponse");
    private static final ClassValue<Method> SET_BUFFER_SIZE = method("setBufferSize", int.class);
    /** The one the filter uses. */
    static final UpgradeBuffer CONTAINER = new UpgradeBuffer();

    private final AtomicBoolean off = new AtomicBoolean();

    UpgradeBuffer() {
    }

    /** @return whether the buffer was set to {@link #BYTES} */
    boolean shrink(ServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper wrapper) {
            r = wrapper.getResponse();
        }
        return shrinkFacade(r);
    }

    /** @param r the container's unwrapped response (a test passes objects shaped like Payara's) */
    boolean shrinkFacade(Object r) {
        if (off.get()) {
            return false;
        }
        try {
            Object container = required(RESPONSE_FIELD.get(r.getClass())).get(r);
            Object grizzly = required(GET_COYOTE_RESPONSE.get(container.getClass())).invoke(container);
            required(SET_BUFFER_SIZE.get(grizzly.getClass())).invoke(grizzly, BYTES);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (off.compareAndSet(false, true)) {
                LOG.log(Level.CONFIG, "WebSocket connections keep the container's default output buffer ("
                        + r.getClass().getName() + " is not Payara's response facade)", e);
            }
            return false;
        }
    }

    private static <T> T required(T found) throws NoSuchMethodException {
        if (found == null) {
            throw new NoSuchMethodException("not the container this class knows");
        }
        return found;
    }

    private static ClassValue<Method> method(String name, Class<?>... parameters) {
        return new ClassValue<>() {
            @Override
            protected Method computeValue(Class<?> type) {
                try {
                    return type.getMethod(name, parameters);
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
        };
    }
}
