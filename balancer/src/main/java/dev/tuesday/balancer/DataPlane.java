package dev.tuesday.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The balancer's data plane on Netty: the proxy's listening socket, the client connections, and
 * the connections to backends ({@link Upstream}), all on one group of event loops, one thread per
 * core. A client connection stays on one loop, and each of its requests is forwarded on a backend
 * connection of that same loop: no request changes threads on its way through.
 *
 * <p>Stopping gracefully follows Jetty's graceful handler: a request counts itself in flight
 * <em>before</em> it reads the stopping flag, so none slips past a stop that saw zero in flight.
 */
final class DataPlane {
    private final BalancerConfig config;
    private final Transport transport = Transport.best();
    private final EventLoopGroup loops;
    private final Bootstrap upstreams;
    private final ChannelGroup clients = new DefaultChannelGroup("tuesday-balancer-clients", GlobalEventExecutor.INSTANCE);
    private final LongAdder inFlight = new LongAdder();
    private final BodyBudget bodies;
    private final Map<EventExecutor, ResponseTimer> responseTimers = new IdentityHashMap<>();
    private volatile boolean stopping;
    private BackendPool pool;
    private ClientTotals totals;
    private Channel server;

    DataPlane(BalancerConfig config) {
        this.config = config;
        this.bodies = new BodyBudget(config.maxBufferedBodyBytes());
        this.loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("tuesday-balancer-io", true), transport.handlers());
        for (EventExecutor loop : loops) {
            responseTimers.put(loop, new ResponseTimer((EventLoop) loop, config.responseTimeout().toNanos()));
        }
        this.upstreams = new Bootstrap()
                .channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
    }

    /** The connections to one backend, on this plane's loops. */
    Upstream newUpstream(BackendSpec spec) {
        return new Upstream(spec, loops, upstreams, config.maxConnectionsPerBackend(), config.backendIdleTimeout());
    }

    /**
     * Listens and serves.
     *
     * @throws BalancerStartException when the port cannot be bound
     */
    void start(BackendPool pool, ClientTotals totals) {
        this.pool = pool;
        this.totals = totals;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1)) // an exact connection limit
                .handler(new ConnectionLimit(config.maxConnections()))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        clients.add(channel);
                        ClientDeadlines deadlines = new ClientDeadlines(config.headerTimeout(), config.idleTimeout());
                        channel.pipeline().addLast(deadlines, new HttpServerCodec(), new ClientConnection(DataPlane.this, deadlines));
                    }
                });
        String address = config.listenHost() + ":" + config.listenPort();
        ChannelFuture bound = bootstrap.bind(config.listenHost(), config.listenPort()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new BalancerStartException(address, bound.cause());
        }
        server = bound.channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Stops: closes the listening socket, gives the requests in flight up to {@code grace} to finish
     * (new requests on open connections get 503 meanwhile), then closes every connection, those of
     * {@code upstreams} included.
     */
    void stop(Duration grace, List<Upstream> upstreams) {
        if (loops.isShuttingDown()) {
            return;
        }
        stopping = true;
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.sum() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        upstreams.forEach(Upstream::close);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** A request head arrived; {@code false} when the plane is stopping and it must be refused. Either way it ends with {@link #requestEnded()}. */
    boolean requestBegins() {
        inFlight.increment();
        return !stopping;
    }

    void requestEnded() {
        inFlight.decrement();
    }

    BackendPool pool() {
        return pool;
    }

    ClientTotals totals() {
        return totals;
    }

    BodyBudget bodies() {
        return bodies;
    }

    int maxRequestBodyBytes() {
        return config.maxRequestBodyBytes();
    }

    TrustedProxies trustedProxies() {
        return config.trustedProxies();
    }

    /** The response timer of {@code loop}, one of this plane's. */
    ResponseTimer responseTimer(EventLoop loop) {
        return responseTimers.get(loop);
    }

    /**
     * At most {@code max} client connections at once: past it the listening socket stops accepting
     * until one closes, and new clients wait in the listen queue. Counted on the listening socket's
     * loop only.
     */
    @ChannelHandler.Sharable
    private static final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        private final int max;
        private int open;

        ConnectionLimit(int max) {
            this.max = max;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            Channel server = ctx.channel();
            open++;
            if (open >= max) {
                server.config().setAutoRead(false);
            }
            child.closeFuture().addListener(closed -> server.eventLoop().execute(() -> {
                open--;
                if (open < max && !server.config().isAutoRead()) {
                    server.config().setAutoRead(true);
                }
            }));
            ctx.fireChannelRead(msg);
        }
    }
}
