package dev.tuesday.balancer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;

/**
 * One connection to a backend: hands what the backend sends to the {@link Attempt} using it, and
 * tells its {@link Upstream} when the backend closes it while it is idle.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
    private static final long BUSY = -1;
    /**
     * Netty's defaults, but the headers of a backend's responses are not validated: the backends
     * are the operator's own services, and checking every name and value cost CPU on each response.
     * A client's requests are still validated (on the client's side of the balancer).
     */
    private static final HttpDecoderConfig RESPONSES = new HttpDecoderConfig().setValidateHeaders(false);

    private final Upstream upstream;
    private Channel channel;
    private Attempt attempt;
    private long idleSinceNanos = BUSY;
    private boolean expiryScheduled;

    UpstreamConnection(Upstream upstream) {
        this.upstream = upstream;
    }

    ChannelInitializer<Channel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                UpstreamConnection.this.channel = channel;
                channel.pipeline().addLast(new HttpClientCodec(RESPONSES, false, false), UpstreamConnection.this);
            }
        };
    }

    Channel channel() {
        return channel;
    }

    /** The attempt that reads what arrives from now on, or {@code null} for none. */
    void attach(Attempt attempt) {
        this.attempt = attempt;
    }

    void busy() {
        idleSinceNanos = BUSY;
    }

    void idle(long sinceNanos) {
        idleSinceNanos = sinceNanos;
    }

    /** How long it has been idle, negative while it is busy. */
    long idleForNanos() {
        return idleSinceNanos == BUSY ? -1 : System.nanoTime() - idleSinceNanos;
    }

    boolean expiryScheduled() {
        return expiryScheduled;
    }

    void expiryScheduled(boolean scheduled) {
        expiryScheduled = scheduled;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (attempt != null) {
            attempt.upstreamRead((HttpObject) msg);
            return;
        }
        // Nothing was asked: a backend that talks out of turn cannot be trusted with the next request.
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (attempt != null) {
            attempt.upstreamReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (attempt != null) {
            attempt.upstreamFailed(new ClosedChannelException());
        } else {
            upstream.closedWhileIdle(this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (attempt != null) {
            attempt.upstreamFailed(cause);
        }
        ctx.close();
    }
}
