package dev.waypoint.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server of the demo protocol for the load generator's own tests, with the semantics of the node-ws anchor:
 * {@code ping} gets a {@code pong} with its {@code id} and {@code clientTime}, a {@code setPin} becomes the room's pin
 * and goes to every connection of the room as a {@code pinUpdate} (the sender's included), and a new connection gets
 * the room's pin if it has one. Rooms are {@code ?id=ROOM} on {@code /api/map}, {@code default-map} without one.
 *
 * <p>It can be told to lose deliveries on purpose (every Nth {@code pinUpdate} it would send is not sent), so that
 * a test sees whether the load generator counts what it never received. Bound to 127.0.0.1 only.
 *
 * <p>As a program ({@code java -cp ... dev.waypoint.bench.DemoPeer PORT [DROP_EVERY]}) it runs until it is ended,
 * which is how the comparison script's test starts it as a peer.
 */
final class DemoPeer implements AutoCloseable {

    private static final AttributeKey<Room> ROOM = AttributeKey.valueOf("room");

    private static final class Room {
        volatile String pin; // the location object's JSON text
        final Set<Channel> members = ConcurrentHashMap.newKeySet();
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final int dropEvery;
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Channel server;

    /**
     * @param port       0 for any free port
     * @param dropEvery  0 to send every delivery; N to leave out every Nth pinUpdate this server would send
     */
    DemoPeer(int port, int dropEvery) throws InterruptedException {
        this.dropEvery = dropEvery;
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/api/map")
                .checkStartsWith(true) // the path carries ?id=ROOM
                .maxFramePayloadLength(1 << 16)
                .build();
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketServerProtocolHandler(ws), new Handler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The pinUpdates left out on purpose so far. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete done) {
                List<String> ids = new QueryStringDecoder(done.requestUri()).parameters().get("id");
                String id = ids == null || ids.isEmpty() || ids.get(0).isEmpty() ? "default-map" : ids.get(0);
                Room room = rooms.computeIfAbsent(id, k -> new Room());
                ctx.channel().attr(ROOM).set(room);
                room.members.add(ctx.channel());
                String pin = room.pin;
                if (pin != null) {
                    deliver(ctx.channel(), pinUpdate(pin));
                }
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest) { // anything but the WebSocket path
                ctx.writeAndFlush(new DefaultFullHttpResponse(((FullHttpRequest) msg).protocolVersion(),
                        HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (!(msg instanceof TextWebSocketFrame frame)) {
                return; // binary frames are ignored, as the demo does
            }
            Room room = ctx.channel().attr(ROOM).get();
            String text = frame.text();
            String type = Proto.string(text, "\"type\"");
            if ("ping".equals(type)) {
                String id = Proto.string(text, "\"id\"");
                double clientTime = Proto.number(text, "\"clientTime\"");
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"pong\",\"id\":\"" + (id == null ? "" : id)
                        + "\",\"clientTime\":" + (Double.isNaN(clientTime) ? 0 : (long) clientTime) + "}"));
            } else if ("setPin".equals(type) && room != null) {
                String location = object(text, "\"location\"");
                if (location != null) {
                    room.pin = location;
                    String update = pinUpdate(location);
                    for (Channel member : room.members) {
                        deliver(member, update);
                    }
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            Room room = ctx.channel().attr(ROOM).get();
            if (room != null) {
                room.members.remove(ctx.channel());
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private void deliver(Channel to, String frame) {
        if (dropEvery > 0 && deliveries.incrementAndGet() % dropEvery == 0) {
            dropped.incrementAndGet();
            return;
        }
        to.writeAndFlush(new TextWebSocketFrame(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8)));
    }

    private static String pinUpdate(String location) {
        return "{\"type\":\"pinUpdate\",\"location\":" + location + "}";
    }

    /** The JSON object after {@code key} (no nested strings with braces in this protocol's locations), or null. */
    static String object(String text, String key) {
        int k = text.indexOf(key);
        int open = k < 0 ? -1 : text.indexOf('{', k + key.length());
        if (open < 0) {
            return null;
        }
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open, i + 1);
            }
        }
        return null;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int dropEvery = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        DemoPeer peer = new DemoPeer(port, dropEvery);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            peer.close();
            stopped.countDown();
        }));
        System.err.println("[demo-peer] listening on ws://127.0.0.1:" + peer.port() + "/api/map (pid "
                + ProcessHandle.current().pid() + ")");
        stopped.await();
    }
}
