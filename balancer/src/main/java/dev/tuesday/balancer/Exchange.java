package dev.tuesday.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;

/**
 * One client request on its way through the balancer: it may take several {@link Attempt}s, each on
 * a different backend, as {@link RetryPolicy} allows. Lives on the event loop of the client's
 * connection, like its attempts.
 */
final class Exchange {
    private final ClientConnection client;
    private final HttpMethod method;
    private final String uri;
    private final HttpHeaders headers;
    private final HttpVersion clientVersion;
    private final boolean hostMissing;
    private final ByteBuf body;
    private final List<Backend> tried = new ArrayList<>(2);
    private boolean idempotentRetryUsed;
    private Attempt attempt;

    /** Takes {@code request}'s headers (rewritten in place for the backends) and {@code body}, which may be {@code null}. */
    Exchange(ClientConnection client, HttpRequest request, ByteBuf body) {
        this.client = client;
        this.method = request.method();
        this.uri = request.uri().isEmpty() ? "/" : request.uri();
        this.clientVersion = request.protocolVersion();
        this.body = body;
        this.headers = request.headers();
        this.hostMissing = !headers.contains(HttpHeaderNames.HOST);
        HopHeaders.removeFromRequest(headers);
        client.forwardedHeaders().write(headers);
        if (body != null) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
    }

    /** Sends the request to the next backend, or answers 503 when no ready backend is left. */
    void attempt() {
        Backend backend = pool().acquire(tried);
        if (backend == null) {
            client.totals().failures.increment();
            String message = tried.isEmpty() ? "no ready backend" : "no other ready backend after " + lastTried() + " failed";
            client.reply(HttpResponseStatus.SERVICE_UNAVAILABLE, message);
            return;
        }
        tried.add(backend);
        attempt = new Attempt(this, backend);
        attempt.start();
    }

    /** Called by a failed attempt on which no response byte reached the client. */
    void failed(Backend backend, boolean sent, RetryPolicy.Failure failure) {
        RetryPolicy.Decision decision = RetryPolicy.decide(method.name(), sent, failure, idempotentRetryUsed);
        switch (decision) {
            case RETRY_UNSENT -> retry();
            case RETRY_IDEMPOTENT -> {
                idempotentRetryUsed = true;
                retry();
            }
            case GIVE_UP -> {
                client.totals().failures.increment();
                boolean timeout = failure == RetryPolicy.Failure.TIMEOUT;
                client.reply(timeout ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY,
                        "backend " + backend.id() + (timeout ? " timed out" : " failed")
                                + (sent ? " after the request was sent; not replayed" : ""));
            }
        }
    }

    /** Called by an attempt that failed after part of the response reached the client. */
    void abortedMidResponse() {
        client.totals().failures.increment();
        client.abort();
    }

    /** The client went away: the attempt in progress stops. */
    void clientGone() {
        if (attempt != null) {
            attempt.abandon();
        }
    }

    /** The client can take more of the response again. */
    void clientWritable() {
        if (attempt != null) {
            attempt.clientWritable();
        }
    }

    /** The request for one attempt on {@code backend}; its body is the exchange's, shared. */
    FullHttpRequest upstreamRequest(Backend backend) {
        if (hostMissing) {
            headers.set(HttpHeaderNames.HOST, backend.spec().uri().getAuthority());
        }
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : body.retainedDuplicate();
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, content, headers, EmptyHttpHeaders.INSTANCE);
    }

    /** Passes a backend's response head to the client, rewritten in place. */
    void respond(HttpResponse response) {
        HttpHeaders out = response.headers();
        boolean delimited = HttpUtil.isContentLengthSet(response) || !mayHaveBody(response);
        HopHeaders.removeFrom(out);
        response.setProtocolVersion(clientVersion);
        if (!delimited && clientVersion.isKeepAliveDefault()) {
            out.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            delimited = true;
        }
        client.writeHead(response, delimited);
    }

    /** Passes part of a response body on; {@code false} when the client cannot take more for now. */
    boolean forward(HttpContent content) {
        return client.write(content);
    }

    void flush() {
        client.flush();
    }

    /** Passes the end of the response on; the exchange is over once it is written. */
    void complete(LastHttpContent last) {
        client.writeLast(last);
    }

    /** Gives back what the exchange holds. */
    void release() {
        if (body != null) {
            client.bodies().release(body.readableBytes());
            body.release();
        }
    }

    BackendPool pool() {
        return client.pool();
    }

    EventLoop loop() {
        return client.loop();
    }

    ResponseTimer responseTimer() {
        return client.responseTimer();
    }

    private boolean mayHaveBody(HttpResponse response) {
        int code = response.status().code();
        return !method.equals(HttpMethod.HEAD) && code != 204 && code != 304;
    }

    private void retry() {
        client.totals().retries.increment();
        attempt();
    }

    private String lastTried() {
        return tried.get(tried.size() - 1).id();
    }
}
