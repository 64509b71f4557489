package dev.tuesday.balancer;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * One try of an {@link Exchange} on one backend, on the event loop of the client's connection:
 * takes a connection from the backend's {@link Upstream}, sends the request, and streams the
 * response to the client as it arrives, with back-pressure (the backend's connection stops reading
 * while the client's cannot take more).
 *
 * <p>Whether the request may have been sent is decided conservatively: once a connection was
 * granted, it counts as sent. Only a failure before that (no connection could be opened: refused,
 * connect timeout) proves the backend never saw it.
 */
final class Attempt extends ResponseTimer.Entry implements Upstream.Lease {
    private UpstreamConnection connection;
    private boolean sent;
    private boolean began;
    private boolean keepAlive;
    private boolean done;
    private int status;
    private final Exchange exchange;
    private final Backend backend;
    private final long startNanos = System.nanoTime();

    Attempt(Exchange exchange, Backend backend) {
        this.exchange = exchange;
        this.backend = backend;
    }

    void start() {
        exchange.responseTimer().start(this);
        backend.upstream().acquire(exchange.loop(), this);
    }

    @Override
    public void granted(UpstreamConnection granted) {
        if (done) {
            backend.upstream().release(granted, true);
            return;
        }
        connection = granted;
        connection.attach(this);
        sent = true;
        connection.channel().writeAndFlush(exchange.upstreamRequest(backend), connection.channel().voidPromise());
    }

    @Override
    public void refused(Throwable cause) {
        if (!done) {
            failed(cause);
        }
    }

    void upstreamRead(HttpObject message) {
        if (done || message.decoderResult().isFailure()) {
            Throwable cause = message.decoderResult().cause();
            ReferenceCountUtil.release(message);
            if (!done) {
                failed(cause);
            }
            return;
        }
        if (message instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                ReferenceCountUtil.release(message); // 100 Continue and the like: the final response follows
                return;
            }
            began = true;
            status = response.status().code();
            keepAlive = HttpUtil.isKeepAlive(response);
            exchange.respond(response);
        }
        if (message instanceof LastHttpContent last) {
            succeeded(last);
        } else if (message instanceof HttpContent content) {
            if (!exchange.forward(content)) {
                connection.channel().config().setAutoRead(false);
            }
        }
    }

    void upstreamReadComplete() {
        exchange.flush();
    }

    /** The client can take more of the response again. */
    void clientWritable() {
        if (connection != null && !done) {
            connection.channel().config().setAutoRead(true);
        }
    }

    void upstreamFailed(Throwable cause) {
        if (!done) {
            failed(cause);
        }
    }

    /** The client went away: stop reading from the backend; the backend did nothing wrong. */
    void abandon() {
        if (done) {
            return;
        }
        finish(false);
        backend.release();
    }

    private void succeeded(LastHttpContent last) {
        finish(keepAlive);
        // Counted before the last write, so that a client that has its response sees it counted.
        backend.release();
        backend.recordResponse(status, System.nanoTime() - startNanos);
        exchange.complete(last);
    }

    @Override
    void timedOut() {
        if (!done) {
            failed(new TimeoutException("no complete response within the response timeout"));
        }
    }

    private void failed(Throwable cause) {
        finish(false);
        backend.release();
        RetryPolicy.Failure kind = classify(cause);
        if (kind == RetryPolicy.Failure.CONNECTION) {
            exchange.pool().connectionFailed(backend, "connection failed: " + describe(cause));
        } else if (kind == RetryPolicy.Failure.TIMEOUT) {
            backend.recordTimeout();
        }
        if (began) {
            exchange.abortedMidResponse(); // the client has part of the response
            return;
        }
        exchange.failed(backend, sent, kind);
    }

    /** Ends this attempt's hold on its connection: kept for reuse only after a clean, kept-alive response. */
    private void finish(boolean reusable) {
        done = true;
        exchange.responseTimer().stop(this);
        if (connection == null) {
            backend.upstream().cancel(exchange.loop(), this);
            return;
        }
        connection.attach(null);
        connection.channel().config().setAutoRead(true);
        backend.upstream().release(connection, reusable);
    }

    private static RetryPolicy.Failure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return RetryPolicy.Failure.TIMEOUT;
            }
            if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
                return RetryPolicy.Failure.CONNECTION;
            }
        }
        return RetryPolicy.Failure.OTHER;
    }

    /** A short reason for logs and events. */
    private static String describe(Throwable failure) {
        if (failure instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof EOFException || failure instanceof ClosedChannelException
                || failure instanceof PrematureChannelClosureException) {
            return "connection closed before the response";
        }
        String message = failure.getMessage();
        if (failure instanceof IOException && message != null && message.contains("Connection reset")) {
            return "connection reset";
        }
        if (message != null && message.length() > 80) {
            message = message.substring(0, 80) + "...";
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
