package dev.waypoint.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket client on Netty (epoll when available). One event loop thread serves many sockets; a socket
 * can be pinned to a chosen event loop so that a whole room (its writer and all its readers) runs on one
 * thread and its bookkeeping needs no locks.
 */
final class WsClient implements AutoCloseable {

    /** Callbacks run on the connection's event loop thread. */
    interface Listener {
        default void onOpen(Conn c, long nowNanos) {}

        /** A text frame; {@code text} is only valid during the call. */
        void onText(Conn c, ByteBuf text, long nowNanos);

        default void onClose(Conn c) {}
    }

    /** One WebSocket connection. */
    static final class Conn {
        final String room;
        final int index;
        final Listener listener;
        final CompletableFuture<Conn> opened = new CompletableFuture<>();
        final CompletableFuture<Conn> closed = new CompletableFuture<>();
        volatile Channel channel;
        volatile long connectStartNanos;
        volatile long openNanos;
        volatile int closeCode = -1; // close frame code received from the server, -1 if none
        volatile String closeReason;
        volatile boolean closedByUs;
        volatile Throwable error;
        long received; // text frames received (event loop thread only)

        Conn(String room, int index, Listener listener) {
            this.room = room;
            this.index = index;
            this.listener = listener;
        }

        boolean isOpen() {
            Channel ch = channel;
            return opened.isDone() && !opened.isCompletedExceptionally() && ch != null && ch.isActive() && closeCode < 0;
        }

        void send(String text) {
            channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
        }

        void write(String text) {
            channel.write(new TextWebSocketFrame(text), channel.voidPromise());
        }

        void flush() {
            channel.flush();
        }

        int localPort() {
            Channel ch = channel;
            return ch != null && ch.localAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
        }

        /** Sends a close frame and drops the TCP connection at once (no wait for the server's reply). */
        void closeNow() {
            closedByUs = true;
            Channel ch = channel;
            if (ch == null) return;
            if (ch.isActive() && opened.isDone() && !opened.isCompletedExceptionally()) {
                ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
            } else {
                ch.close();
            }
        }
    }

    final EventLoopGroup group;
    final boolean epoll;
    final int threads;
    private final URI base;
    private final String host;
    private final int port;
    private volatile URI readerBase; // --reader-url: every member but the writer (index 0) connects there

    /** Members other than each room's writer connect to {@code readers} (another instance of a cluster). */
    void readersAt(URI readers) {
        this.readerBase = readers;
    }

    WsClient(URI base, int threads) {
        this.base = base;
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.threads = threads;
        this.epoll = Epoll.isAvailable() && !Boolean.getBoolean("bench.nio");
        this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    private volatile long[] loopThreadIds;

    /** CPU time of the event loop threads (the threads that do the client's network work), nanoseconds. */
    long loopCpuNanos() {
        long[] ids = loopThreadIds;
        if (ids == null) {
            java.util.List<Long> l = new java.util.ArrayList<>();
            for (var ex : group) {
                try {
                    l.add(ex.submit(() -> Thread.currentThread().getId()).get());
                } catch (Exception e) {
                    return -1;
                }
            }
            ids = l.stream().mapToLong(Long::longValue).toArray();
            loopThreadIds = ids;
        }
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : ids) sum += Math.max(0, mx.getThreadCpuTime(id));
        return sum;
    }

    EventLoop nextLoop() {
        return group.next();
    }

    URI uriFor(String room) {
        return uriFor(base, room);
    }

    private static URI uriFor(URI base, String room) {
        String b = base.toString();
        return URI.create(b + (base.getRawQuery() == null ? "?" : "&") + "id=" + room);
    }

    /**
     * Starts connecting; the returned connection's {@code opened} completes after the WebSocket handshake.
     * @param loop the event loop to pin the socket to, or null for any
     * @param rcvBuf SO_RCVBUF to set before connecting (0: system default)
     */
    Conn connect(String room, int index, EventLoop loop, Listener listener, int rcvBuf) {
        Conn c = new Conn(room, index, listener);
        URI target = readerBase != null && index > 0 ? readerBase : base;
        WebSocketClientProtocolConfig cfg = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uriFor(target, room))
                .version(WebSocketVersion.V13)
                .allowExtensions(false)
                .withUTF8Validator(false)
                .maxFramePayloadLength(16 << 20)
                .handleCloseFrames(false) // we want to see the server's close code
                .sendCloseFrame(null)     // closeNow() sends its own and does not wait for a reply
                .dropPongFrames(true)
                .handshakeTimeoutMillis(30_000)
                .build();
        Bootstrap b = new Bootstrap()
                .group(loop != null ? loop : group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 15_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(cfg),
                                new WebSocketFrameAggregator(16 << 20),
                                new Handler(c));
                    }
                });
        if (rcvBuf > 0) b.option(ChannelOption.SO_RCVBUF, rcvBuf);
        c.connectStartNanos = System.nanoTime();
        var f = target == base ? b.connect(host, port)
                : b.connect(target.getHost(), target.getPort() > 0 ? target.getPort() : 80);
        c.channel = f.channel();
        f.addListener(fut -> {
            if (!fut.isSuccess()) {
                c.error = fut.cause();
                c.opened.completeExceptionally(fut.cause());
                c.closed.complete(c);
            }
        });
        return c;
    }

    private static final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Conn c;

        Handler(Conn c) {
            this.c = c;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                long now = System.nanoTime();
                c.openNanos = now;
                c.listener.onOpen(c, now);
                c.opened.complete(c);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                c.opened.completeExceptionally(new java.util.concurrent.TimeoutException("handshake timeout"));
                ctx.close();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            long now = System.nanoTime();
            if (frame instanceof TextWebSocketFrame t) {
                c.received++;
                c.listener.onText(c, t.content(), now);
            } else if (frame instanceof CloseWebSocketFrame cf) {
                c.closeCode = cf.statusCode();
                c.closeReason = cf.reasonText();
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!c.opened.isDone()) c.opened.completeExceptionally(new IllegalStateException("closed before handshake"));
            c.listener.onClose(c);
            c.closed.complete(c);
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (c.error == null) c.error = cause;
            if (!c.opened.isDone()) c.opened.completeExceptionally(cause);
            ctx.close();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
