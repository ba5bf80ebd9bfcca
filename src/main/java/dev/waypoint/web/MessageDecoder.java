package dev.waypoint.web;

import dev.waypoint.message.ClientMessage;
import dev.waypoint.message.InvalidMessageException;
import dev.waypoint.message.MessageCodec;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The WebSocket decoder: text frame &rarr; {@link ClientMessage}, through {@link MessageCodec}. A refused frame
 * becomes a {@link DecodeException}; the container hands it to the endpoint's {@code @OnError}, which answers the
 * sender (an {@link InvalidMessageException} cause) or closes the connection with 1009 (a {@link TooLargeException}
 * cause).
 *
 * <p>The size limit is checked here because Tyrus applies {@code Session.setMaxTextMessageBufferSize} only to
 * messages sent in several fragments: a browser's {@code send} is one frame, which Tyrus buffers up to its own
 * incoming buffer (4 MB) whatever the session's limit. Frames beyond that buffer are closed by Tyrus itself, with
 * 1011.
 */
public class MessageDecoder implements Decoder.Text<ClientMessage> {

    private int maxBytes = 65536;

    @Override
    public void init(EndpointConfig config) {
        maxBytes = ConfigProvider.getConfig().getOptionalValue("waypoint.max-message-bytes", Integer.class).orElse(maxBytes);
    }

    @Override
    public ClientMessage decode(String text) throws DecodeException {
        long bytes = utf8Length(text, maxBytes);
        if (bytes > maxBytes) {
            throw new DecodeException("", "message too big", new TooLargeException(maxBytes));
        }
        try {
            return MessageCodec.decode(text);
        } catch (InvalidMessageException e) {
            throw new DecodeException(text.length() > 200 ? text.substring(0, 200) : text, e.getMessage(), e);
        }
    }

    @Override
    public boolean willDecode(String text) {
        return true; // every text frame is ours to decode or to refuse with a reason
    }

    /** The UTF-8 length of {@code text}, counted only as far as needed to tell whether it exceeds {@code limit}. */
    static long utf8Length(String text, int limit) {
        int chars = text.length();
        if ((long) chars * 3 <= limit) {
            return chars; // cannot exceed the limit: every char takes at most 3 bytes (a surrogate pair 4 for 2)
        }
        long bytes = 0;
        for (int i = 0; i < chars && bytes <= limit; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A text frame over {@code waypoint.max-message-bytes}. */
    static final class TooLargeException extends Exception {

        private static final long serialVersionUID = 1L;

        private final int limit;

        TooLargeException(int limit) {
            super("message over " + limit + " bytes", null, false, false);
            this.limit = limit;
        }

        int limit() {
            return limit;
        }
    }
}
