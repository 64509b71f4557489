package dev.tuesday.balancer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One client request on its way through the balancer: it may take several {@link Attempt}s, each on
 * a different backend, as {@link RetryPolicy} allows.
 */
final class Exchange {
    /** Headers that belong to one connection and are never forwarded (RFC 9110, section 7.6.1). */
    static final Set<HttpHeader> HOP_HEADERS = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_AUTHORIZATION, HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_CONNECTION,
            HttpHeader.TRANSFER_ENCODING, HttpHeader.TE, HttpHeader.TRAILER, HttpHeader.UPGRADE,
            // The body is read before forwarding, so the client already got its 100 Continue.
            HttpHeader.EXPECT);

    private final ForwardingHandler handler;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final byte[] body;
    private final List<Backend> tried = new ArrayList<>(2);
    private boolean idempotentRetryUsed;

    Exchange(ForwardingHandler handler, Request request, Response response, Callback callback, byte[] body) {
        this.handler = handler;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.body = body;
    }

    /** Sends the request to the next backend, or answers 503 when no ready backend is left. */
    void attempt() {
        Backend backend = handler.pool().acquire(tried);
        if (backend == null) {
            handler.totals().failures.increment();
            String message = tried.isEmpty() ? "no ready backend" : "no other ready backend after " + lastTried() + " failed";
            ForwardingHandler.reply(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, message);
            return;
        }
        tried.add(backend);
        new Attempt(this, backend).send(upstreamRequest(backend));
    }

    /** Called by a failed attempt on which no response byte reached the client. */
    void failed(Backend backend, boolean sent, RetryPolicy.Failure failure) {
        RetryPolicy.Decision decision = RetryPolicy.decide(request.getMethod(), sent, failure, idempotentRetryUsed);
        switch (decision) {
            case RETRY_UNSENT -> retry();
            case RETRY_IDEMPOTENT -> {
                idempotentRetryUsed = true;
                retry();
            }
            case GIVE_UP -> {
                handler.totals().failures.increment();
                int status = failure == RetryPolicy.Failure.TIMEOUT ? HttpStatus.GATEWAY_TIMEOUT_504 : HttpStatus.BAD_GATEWAY_502;
                String what = failure == RetryPolicy.Failure.TIMEOUT ? "timed out" : "failed";
                ForwardingHandler.reply(response, callback, status, "backend " + backend.id() + " " + what
                        + (sent ? " after the request was sent; not replayed" : ""));
            }
        }
    }

    /** Called by an attempt that failed after part of the response reached the client. */
    void abortedMidResponse(Throwable failure) {
        handler.totals().failures.increment();
        callback.failed(failure);
    }

    Response response() {
        return response;
    }

    Callback callback() {
        return callback;
    }

    BackendPool pool() {
        return handler.pool();
    }

    private void retry() {
        handler.totals().retries.increment();
        attempt();
    }

    private String lastTried() {
        return tried.get(tried.size() - 1).id();
    }

    private org.eclipse.jetty.client.Request upstreamRequest(Backend backend) {
        BackendSpec spec = backend.spec();
        String pathQuery = request.getHttpURI().getPathQuery();
        org.eclipse.jetty.client.Request upstream = backend.client()
                .newRequest(spec.uri().getHost(), spec.uri().getPort())
                .scheme("http")
                .method(request.getMethod())
                .path(pathQuery == null || pathQuery.isEmpty() ? "/" : pathQuery)
                .timeout(handler.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        upstream.headers(headers -> {
            Set<String> listedInConnection = connectionListed();
            for (HttpField field : request.getHeaders()) {
                if (HOP_HEADERS.contains(field.getHeader())
                        || (listedInConnection != null && listedInConnection.contains(field.getLowerCaseName()))) {
                    continue;
                }
                if (ForwardedHeaders.isForwarding(field)) {
                    continue; // written below
                }
                headers.add(field);
            }
            ForwardedHeaders.write(request, headers, handler.trustedProxies());
        });
        if (body != null) {
            String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            upstream.body(contentType == null ? new BytesRequestContent(body) : new BytesRequestContent(contentType, body));
        }
        return upstream;
    }

    private Set<String> connectionListed() {
        List<String> values = request.getHeaders().getValuesList(HttpHeader.CONNECTION);
        if (values.isEmpty()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
