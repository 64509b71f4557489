package dev.tuesday.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One client connection: reads each request (head, then its body within the limits), hands it to
 * an {@link Exchange}, and writes the response back. One exchange at a time: a request the client
 * sends before the previous response is complete (pipelining) waits, and reading stops meanwhile.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private enum Reading { HEAD, BODY, DISCARD }

    private final DataPlane plane;
    private final ClientDeadlines deadlines;
    private ChannelHandlerContext ctx;
    private ResponseTimer responseTimer;
    private Reading reading = Reading.HEAD;
    private boolean responding;
    private HttpRequest head;
    private BodyReader body;
    private Exchange exchange;
    private ArrayDeque<Object> pipelined;
    private ForwardedHeaders forwardedHeaders;
    private boolean keepAlive;
    private final ChannelFutureListener lastWritten = future -> {
        if (future.isSuccess() && keepAlive) {
            responseEnded();
        } else {
            future.channel().close();
        }
    };

    ClientConnection(DataPlane plane, ClientDeadlines deadlines) {
        this.plane = plane;
        this.deadlines = deadlines;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.responseTimer = plane.responseTimer(ctx.channel().eventLoop());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if ((responding && reading == Reading.HEAD) || (pipelined != null && !pipelined.isEmpty())) {
            if (pipelined == null) {
                pipelined = new ArrayDeque<>(4);
            }
            pipelined.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        read((HttpObject) msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && exchange != null) {
            exchange.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientGone();
            exchange.release();
            exchange = null;
        }
        if (body != null) {
            body.abandon();
            body = null;
        }
        if (pipelined != null) {
            pipelined.forEach(ReferenceCountUtil::release);
            pipelined.clear();
        }
        if (responding) {
            responding = false;
            plane.requestEnded();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // the client's connection failed (reset, or a write to it failed)
    }

    private void read(HttpObject msg) {
        try {
            if (msg instanceof HttpRequest request) {
                begin(request);
            }
            if (msg instanceof HttpContent content) {
                content(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(HttpRequest request) {
        deadlines.headReceived();
        responding = true;
        if (!plane.requestBegins()) {
            reading = Reading.DISCARD;
            reply(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down", true);
            return;
        }
        if (request.decoderResult().isFailure()) {
            reading = Reading.DISCARD;
            reply(HttpResponseStatus.BAD_REQUEST, "malformed request", true);
            return;
        }
        plane.totals().requests.increment();
        keepAlive = HttpUtil.isKeepAlive(request);
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpUtil.is100ContinueExpected(request)) {
            reading = Reading.DISCARD;
            reply(HttpResponseStatus.EXPECTATION_FAILED, "unsupported expectation", true);
            return;
        }
        head = request;
        reading = Reading.BODY;
        if (BodyReader.hasBody(request)) {
            try {
                body = BodyReader.start(ctx.alloc(), request, plane.maxRequestBodyBytes(), plane.bodies());
            } catch (BodyReader.Refused refused) {
                refuse(refused);
                return;
            }
        }
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER),
                    ctx.voidPromise());
        }
    }

    private void content(HttpContent content) {
        if (reading == Reading.DISCARD) {
            if (content instanceof LastHttpContent) {
                reading = Reading.HEAD;
            }
            return;
        }
        if (reading != Reading.BODY) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            abandonBody();
            reading = Reading.DISCARD;
            reply(HttpResponseStatus.BAD_REQUEST, "malformed request body", true);
            return;
        }
        if (body != null) {
            try {
                body.add(content.content());
            } catch (BodyReader.Refused refused) {
                body = null;
                refuse(refused);
                if (content instanceof LastHttpContent) {
                    reading = Reading.HEAD;
                }
                return;
            }
        }
        if (content instanceof LastHttpContent) {
            reading = Reading.HEAD;
            ByteBuf bytes = body == null ? null : body.finish();
            body = null;
            exchange = new Exchange(this, head, bytes);
            head = null;
            exchange.attempt();
        }
    }

    /**
     * Answers a refused body at once; the rest of it is read and dropped, so the client can read
     * the answer. A client that waits for 100 Continue may never send it: its connection closes.
     */
    private void refuse(BodyReader.Refused refused) {
        reading = Reading.DISCARD;
        boolean awaitsContinue = head != null && HttpUtil.is100ContinueExpected(head);
        head = null;
        reply(refused.status(), refused.getMessage(), awaitsContinue);
    }

    private void abandonBody() {
        if (body != null) {
            body.abandon();
            body = null;
        }
    }

    /** Answers the current request from the balancer itself, as one line of plain text. */
    void reply(HttpResponseStatus status, String message) {
        reply(status, message, false);
    }

    private void reply(HttpResponseStatus status, String message, boolean close) {
        ByteBuf text = Unpooled.copiedBuffer("tuesday balancer: " + message + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, text);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, text.readableBytes());
        keepAlive &= !close;
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.writeAndFlush(response).addListener(lastWritten);
    }

    /**
     * Writes the head of a backend's response, its hop-by-hop headers removed. Without a length it
     * can be delimited only by chunks, which an HTTP/1.0 client does not read, or by closing the
     * connection after it.
     */
    void writeHead(HttpResponse response, boolean delimited) {
        keepAlive &= delimited;
        // Its Connection header is gone (HopHeaders): one is written only where the version's default
        // is not what happens. Setting it anyway cost a header lookup on every response.
        if (keepAlive != response.protocolVersion().isKeepAliveDefault()) {
            HttpUtil.setKeepAlive(response, keepAlive);
        }
        ctx.write(response, ctx.voidPromise());
    }

    /** Writes part of the response; {@code false} when the client cannot take more for now. */
    boolean write(Object part) {
        ctx.write(part, ctx.voidPromise());
        return ctx.channel().isWritable();
    }

    void flush() {
        ctx.flush();
    }

    /** Writes the end of the response; the exchange is over once it is written. */
    void writeLast(LastHttpContent last) {
        ctx.writeAndFlush(last).addListener(lastWritten);
    }

    /** Cuts the connection: the response cannot be completed. */
    void abort() {
        ctx.close();
    }

    private void responseEnded() {
        if (exchange != null) {
            exchange.release();
            exchange = null;
        }
        if (!responding) {
            return;
        }
        responding = false;
        plane.requestEnded();
        deadlines.exchangeEnded();
        while (pipelined != null && !pipelined.isEmpty() && !responding) {
            read((HttpObject) pipelined.poll());
        }
        if ((pipelined == null || pipelined.isEmpty()) && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }


    EventLoop loop() {
        return ctx.channel().eventLoop();
    }

    Channel channel() {
        return ctx.channel();
    }

    ClientTotals totals() {
        return plane.totals();
    }

    BackendPool pool() {
        return plane.pool();
    }

    BodyBudget bodies() {
        return plane.bodies();
    }

    ForwardedHeaders forwardedHeaders() {
        if (forwardedHeaders == null) {
            InetAddress peer = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            forwardedHeaders = new ForwardedHeaders(peer, plane.trustedProxies());
        }
        return forwardedHeaders;
    }

    ResponseTimer responseTimer() {
        return responseTimer;
    }
}
