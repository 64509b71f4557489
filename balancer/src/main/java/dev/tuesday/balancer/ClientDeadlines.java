package dev.tuesday.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a client connection that takes too long: its request head is not complete
 * {@link BalancerConfig#headerTimeout()} after its first byte, or it has no exchange in progress
 * and has been quiet for {@link BalancerConfig#idleTimeout()}. An idle timeout alone does not stop
 * a client that sends its head a byte every few seconds: it is never idle.
 *
 * <p>A connection is <em>waiting</em> from its opening, and again from the end of each exchange,
 * until its next request head is complete. Its first byte while waiting starts the head's clock.
 * The connection is looked at every quarter of the shorter timeout, so a cut comes at most a
 * quarter late; nothing is scheduled per request.
 */
final class ClientDeadlines extends ChannelInboundHandlerAdapter implements Runnable {
    private final long headNanos;
    private final long idleNanos;
    private final long stepNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> task;
    private boolean waiting = true;
    private long headStartNanos;
    private long lastActiveNanos;

    ClientDeadlines(Duration headerTimeout, Duration idleTimeout) {
        this.headNanos = headerTimeout.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.stepNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(headNanos, idleNanos) / 4);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastActiveNanos = System.nanoTime();
        task = ctx.executor().scheduleWithFixedDelay(this, stepNanos, stepNanos, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (task != null) {
            task.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (waiting && headStartNanos == 0 && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            headStartNanos = System.nanoTime();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastActiveNanos = System.nanoTime();
        ctx.fireChannelReadComplete();
    }

    /** A request head is complete: its exchange begins. */
    void headReceived() {
        waiting = false;
        headStartNanos = 0;
    }

    /** The exchange is over: the connection waits for its next request. */
    void exchangeEnded() {
        waiting = true;
        lastActiveNanos = System.nanoTime();
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        boolean headLate = waiting && headStartNanos != 0 && now - headStartNanos >= headNanos;
        boolean idle = waiting && headStartNanos == 0 && now - lastActiveNanos >= idleNanos;
        if (headLate || idle) {
            task.cancel(false);
            ctx.close();
        }
    }
}
