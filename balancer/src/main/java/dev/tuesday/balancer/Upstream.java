package dev.tuesday.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend's connections, kept per event loop: a request is forwarded on a connection of the
 * loop that read it, so one thread serves both the client's connection and the backend's, and no
 * request is handed from thread to thread.
 *
 * <p>Everything about a loop's connections happens on that loop, without locks. Across loops only
 * the number of open connections is shared: at most {@code maxConnections} at once. A request that
 * finds no idle connection on its loop while that many are open waits on its loop until one is
 * given back there or one closes anywhere.
 *
 * <p>An idle connection is closed {@code idleTimeout} after it was last given back (see
 * {@link BalancerConfig#backendIdleTimeout()}). Idle connections are reused most recent first, so
 * the ones a quieter moment no longer needs age out. {@link #close()} closes the idle connections
 * at once and the busy ones when they are given back.
 */
final class Upstream {
    /** Someone waiting for a connection: one attempt of an exchange. */
    interface Lease {
        /** Runs on the loop it asked on; {@code connection} is now the lease holder's to use and give back. */
        void granted(UpstreamConnection connection);

        /** Runs on the loop it asked on: no connection could be opened, nothing was sent. */
        void refused(Throwable cause);
    }

    private final String host;
    private final int port;
    private final Bootstrap connector;
    private final int maxConnections;
    private final long idleTimeoutNanos;
    private final Map<EventExecutor, Loop> loops = new IdentityHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    Upstream(BackendSpec spec, EventLoopGroup group, Bootstrap bootstrap, int maxConnections, Duration idleTimeout) {
        this.host = spec.uri().getHost();
        this.port = spec.uri().getPort();
        this.maxConnections = maxConnections;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.connector = bootstrap;
        for (EventExecutor executor : group) {
            loops.put(executor, new Loop((EventLoop) executor));
        }
    }

    /** Asks for a connection on {@code loop}, the caller's own; the answer comes on that loop. */
    void acquire(EventLoop loop, Lease lease) {
        Loop here = loops.get(loop);
        if (closed) {
            lease.refused(new ClosedChannelException());
            return;
        }
        UpstreamConnection idle = here.takeIdle();
        if (idle != null) {
            lease.granted(idle);
        } else if (tryOpenSlot()) {
            here.connect(lease);
        } else {
            here.waiters.add(lease);
            here.waiting = here.waiters.size();
        }
    }

    /** Stops waiting for a connection (the lease gave up); on the loop it asked on. */
    void cancel(EventLoop loop, Lease lease) {
        Loop here = loops.get(loop);
        if (here.waiters.remove(lease)) {
            here.waiting = here.waiters.size();
        }
    }

    /**
     * Gives a connection back, on its loop: kept for the next request when {@code reusable} (its
     * exchange ended cleanly and the backend keeps it alive), closed otherwise.
     */
    void release(UpstreamConnection connection, boolean reusable) {
        if (!reusable || closed || !connection.channel().isActive()) {
            connection.channel().close();
            return;
        }
        Loop here = loops.get(connection.channel().eventLoop());
        Lease waiter = here.waiters.poll();
        if (waiter != null) {
            here.waiting = here.waiters.size();
            waiter.granted(connection);
            return;
        }
        here.keepIdle(connection);
    }

    /** Closes the idle connections now and every other one when it is given back. */
    void close() {
        closed = true;
        for (Loop loop : loops.values()) {
            if (!loop.executor.isShuttingDown()) {
                loop.executor.execute(loop::closeAll);
            }
        }
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    /** Connections open now, busy or idle. */
    int connections() {
        return open.get();
    }

    /** Connections open and idle now. */
    int idleConnections() {
        int idle = 0;
        for (Loop loop : loops.values()) {
            idle += loop.idleCount;
        }
        return idle;
    }

    /** Called on a connection's loop when it has been idle for a while: closes it if its time is up. */
    void expireIfIdle(UpstreamConnection connection) {
        long idleFor = connection.idleForNanos();
        if (idleFor < 0) {
            connection.expiryScheduled(false); // busy: rescheduled when given back
            return;
        }
        if (idleFor >= idleTimeoutNanos) {
            connection.expiryScheduled(false);
            loops.get(connection.channel().eventLoop()).forget(connection);
            connection.channel().close();
            return;
        }
        connection.channel().eventLoop().schedule(() -> expireIfIdle(connection), idleTimeoutNanos - idleFor, TimeUnit.NANOSECONDS);
    }

    /** Called on a connection's loop when the backend closed it while it was idle. */
    void closedWhileIdle(UpstreamConnection connection) {
        loops.get(connection.channel().eventLoop()).forget(connection);
    }

    private boolean tryOpenSlot() {
        int now;
        do {
            now = open.get();
            if (now >= maxConnections) {
                return false;
            }
        } while (!open.compareAndSet(now, now + 1));
        return true;
    }

    private void slotFreed() {
        open.decrementAndGet();
        for (Loop loop : loops.values()) {
            if (loop.waiting > 0) {
                loop.executor.execute(loop::serveWaiters);
            }
        }
    }

    /** The connections of one event loop; touched on that loop only, but for the counts read by others. */
    private final class Loop {
        private final EventLoop executor;
        private final Bootstrap bootstrap;
        private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
        private final ArrayDeque<Lease> waiters = new ArrayDeque<>();
        private volatile int idleCount;
        private volatile int waiting;

        Loop(EventLoop executor) {
            this.executor = executor;
            this.bootstrap = connector.clone(executor);
        }

        UpstreamConnection takeIdle() {
            UpstreamConnection connection;
            while ((connection = idle.pollFirst()) != null) {
                if (connection.channel().isActive()) {
                    idleCount = idle.size();
                    connection.busy();
                    return connection;
                }
            }
            idleCount = 0;
            return null;
        }

        void keepIdle(UpstreamConnection connection) {
            connection.idle(System.nanoTime());
            idle.addFirst(connection);
            idleCount = idle.size();
            if (!connection.expiryScheduled()) {
                connection.expiryScheduled(true);
                executor.schedule(() -> expireIfIdle(connection), idleTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }

        void forget(UpstreamConnection connection) {
            if (idle.remove(connection)) {
                idleCount = idle.size();
            }
        }

        void connect(Lease lease) {
            UpstreamConnection connection = new UpstreamConnection(Upstream.this);
            ChannelFuture connecting = bootstrap.handler(connection.initializer()).connect(host, port);
            connecting.channel().closeFuture().addListener(closed -> slotFreed());
            connecting.addListener(done -> {
                if (done.isSuccess()) {
                    lease.granted(connection);
                } else {
                    lease.refused(done.cause());
                }
            });
        }

        void serveWaiters() {
            while (!waiters.isEmpty()) {
                UpstreamConnection connection = takeIdle();
                if (connection != null) {
                    waiters.poll().granted(connection);
                } else if (!closed && tryOpenSlot()) {
                    connect(waiters.poll());
                } else {
                    break;
                }
            }
            waiting = waiters.size();
            if (closed) {
                failWaiters();
            }
        }

        void closeAll() {
            UpstreamConnection connection;
            while ((connection = idle.pollFirst()) != null) {
                connection.channel().close();
            }
            idleCount = 0;
            failWaiters();
        }

        private void failWaiters() {
            Lease lease;
            while ((lease = waiters.poll()) != null) {
                lease.refused(new ClosedChannelException());
            }
            waiting = 0;
        }
    }
}
