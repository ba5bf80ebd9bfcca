package dev.waypoint.message;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * The WebSocket decoder: text frame &rarr; {@link ClientMessage}. A refused frame becomes a {@link DecodeException}
 * whose cause is the {@link InvalidMessageException}; the container hands it to the endpoint's {@code @OnError},
 * which answers the sender and keeps the connection open.
 */
public class MessageDecoder implements Decoder.Text<ClientMessage> {

    @Override
    public ClientMessage decode(String text) throws DecodeException {
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
}
