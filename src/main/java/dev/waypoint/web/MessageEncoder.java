package dev.waypoint.web;

import dev.waypoint.message.MessageCodec;
import dev.waypoint.message.ServerMessage;

import jakarta.websocket.Encoder;

/**
 * The WebSocket encoder: {@link ServerMessage} &rarr; text frame. Waypoint's own sends go through each connection's
 * outbound queue as text already encoded by {@link MessageCodec} (a broadcast is encoded once for all recipients),
 * so this encoder serves {@code sendObject} callers and keeps the endpoint's declared mapping complete.
 */
public class MessageEncoder implements Encoder.Text<ServerMessage> {

    @Override
    public String encode(ServerMessage message) {
        return MessageCodec.encode(message);
    }
}
