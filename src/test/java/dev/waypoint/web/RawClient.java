package dev.waypoint.web;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a bare socket, for what the JDK's client will not do: it sends a message as exactly one
 * frame of any size (as a browser does), and it can stop reading, with the smallest receive buffer the kernel
 * allows, so that the server's writes to it back up as they would to a stalled phone. Only at the end does it read
 * what arrived, to find how the server closed it.
 */
final class RawClient implements AutoCloseable {

    /** {@link #readUntilClose()}'s answer when the server ended the connection without a close frame. */
    static final int END_OF_STREAM = -1;

    private final Socket socket = new Socket();
    private final DataInputStream in;

    RawClient(URI endpoint) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        String path = endpoint.getRawPath() + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        out.write(("GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + endpoint.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        String status = readHeaders(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("handshake cut short");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf("\r\n"));
    }

    /** Sends {@code text} as one masked text frame, however long. */
    void sendSingleFrame(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked, final frame of {@code opcode} (0x1 text, 0x9 ping, 0xA pong, ...). */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        frame.write(0x80 | opcode); // FIN + opcode
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = {1, 2, 3, 4};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        OutputStream out = socket.getOutputStream();
        frame.writeTo(out);
        out.flush();
    }

    /** One frame from the server (unmasked, as servers send them). */
    record Frame(int opcode, byte[] payload) {
        static final int TEXT = 0x1;
        static final int CLOSE = 0x8;
        static final int PING = 0x9;

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code, 1005 when it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** Reads the next frame; fails with a timeout when none comes within {@code timeoutMillis}. */
    Frame readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /**
     * Reads everything the server sent until its close frame and returns the close code, or {@link #END_OF_STREAM}
     * if the connection ended without one. A read that waits 30 s for data fails with a timeout.
     */
    int readUntilClose() throws IOException {
        try {
            while (true) {
                Frame frame = readFrame(30_000);
                if (frame.opcode() == Frame.CLOSE) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return END_OF_STREAM;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
