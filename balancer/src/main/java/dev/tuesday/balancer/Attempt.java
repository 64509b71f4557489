package dev.tuesday.balancer;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * One try of an {@link Exchange} on one backend: streams the backend's response to the client as it
 * arrives, with back-pressure (the next chunk is read from the backend once the previous one was
 * written to the client).
 *
 * <p>Whether the request may have been sent is decided conservatively: from the moment the client
 * begins the request on a connection, it counts as sent. Only a failure before that (no connection
 * could be opened: refused, connect timeout) proves the backend never saw it. Waiting for the
 * client's commit event instead would be a race: a backend can read the request and reset the
 * connection before that event runs, and the request would wrongly look unsent and be replayed.
 */
final class Attempt implements org.eclipse.jetty.client.Response.Listener {
    private final Exchange exchange;
    private final Backend backend;
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> lastWrite = new CompletableFuture<>();
    private volatile boolean sent;
    private volatile boolean began;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean clientGone;

    Attempt(Exchange exchange, Backend backend) {
        this.exchange = exchange;
        this.backend = backend;
    }

    void send(org.eclipse.jetty.client.Request upstream) {
        upstream.onRequestBegin(r -> sent = true);
        upstream.send(this);
    }

    @Override
    public void onBegin(org.eclipse.jetty.client.Response upstream) {
        began = true;
        exchange.response().setStatus(upstream.getStatus());
    }

    @Override
    public void onHeaders(org.eclipse.jetty.client.Response upstream) {
        var headers = exchange.response().getHeaders();
        for (HttpField field : upstream.getHeaders()) {
            if (!Exchange.HOP_HEADERS.contains(field.getHeader())) {
                headers.add(field);
            }
        }
    }

    @Override
    public void onContent(org.eclipse.jetty.client.Response upstream, Content.Chunk chunk, Runnable demander) {
        chunk.retain();
        exchange.response().write(false, chunk.getByteBuffer(), new Callback() {
            @Override
            public void succeeded() {
                chunk.release();
                demander.run();
            }

            @Override
            public void failed(Throwable failure) {
                chunk.release();
                clientGone = true;
                upstream.abort(failure); // the client is gone: stop reading from the backend
            }

            @Override
            public InvocationType getInvocationType() {
                return InvocationType.NON_BLOCKING;
            }
        });
    }

    @Override
    public void onSuccess(org.eclipse.jetty.client.Response upstream) {
        // Counted before the last write, so that a client that has its response sees it counted.
        if (released.compareAndSet(false, true)) {
            backend.release();
            backend.recordResponse(upstream.getStatus(), System.nanoTime() - startNanos);
        }
        exchange.response().write(true, BufferUtil.EMPTY_BUFFER,
                Callback.from(() -> lastWrite.complete(null), lastWrite::completeExceptionally));
    }

    @Override
    public void onComplete(Result result) {
        if (released.compareAndSet(false, true)) {
            backend.release();
        }
        if (result.isSucceeded()) {
            lastWrite.whenComplete((ignored, failure) -> {
                if (failure == null) {
                    exchange.callback().succeeded();
                } else {
                    exchange.callback().failed(failure);
                }
            });
            return;
        }
        Throwable failure = result.getFailure();
        if (clientGone) {
            // The client went away mid-response; the backend did nothing wrong.
            exchange.callback().failed(failure);
            return;
        }
        RetryPolicy.Failure kind = classify(failure);
        if (kind == RetryPolicy.Failure.CONNECTION) {
            exchange.pool().connectionFailed(backend, "connection failed: " + describe(failure));
        } else if (kind == RetryPolicy.Failure.TIMEOUT) {
            backend.recordTimeout();
        }
        if (began) {
            if (exchange.response().isCommitted()) {
                exchange.abortedMidResponse(failure);
                return;
            }
            exchange.response().reset();
            // Part of a response arrived, so the backend acted on the request: never replayed.
            exchange.failed(backend, true, RetryPolicy.Failure.OTHER);
            return;
        }
        exchange.failed(backend, sent, kind);
    }

    private static RetryPolicy.Failure classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return RetryPolicy.Failure.TIMEOUT;
            }
            if (cause instanceof IOException) {
                return RetryPolicy.Failure.CONNECTION;
            }
        }
        return RetryPolicy.Failure.OTHER;
    }

    /** A short reason for logs and events (Jetty's own messages dump whole connection states). */
    private static String describe(Throwable failure) {
        if (failure instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (failure instanceof java.io.EOFException || failure instanceof java.nio.channels.ClosedChannelException) {
            return "connection closed before the response";
        }
        String message = failure.getMessage();
        if (message != null && message.length() > 80) {
            message = message.substring(0, 80) + "...";
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
