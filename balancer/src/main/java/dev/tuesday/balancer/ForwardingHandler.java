package dev.tuesday.balancer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The proxy: reads the request body (kept in memory so the request can be retried, within the
 * per-request limit and the balancer-wide {@link BodyBudget}), then hands the request to an
 * {@link Exchange} that picks a backend and forwards it, asynchronously.
 */
final class ForwardingHandler extends Handler.Abstract.NonBlocking {
    private final BackendPool pool;
    private final ClientTotals totals;
    private final int maxBodyBytes;
    private final BodyBudget bodies;
    private final Duration responseTimeout;
    private final TrustedProxies trustedProxies;

    ForwardingHandler(BackendPool pool, ClientTotals totals, BalancerConfig config) {
        this.pool = pool;
        this.totals = totals;
        this.maxBodyBytes = config.maxRequestBodyBytes();
        this.bodies = new BodyBudget(config.maxBufferedBodyBytes());
        this.responseTimeout = config.responseTimeout();
        this.trustedProxies = config.trustedProxies();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        totals.requests.increment();
        if (!hasBody(request)) {
            new Exchange(this, request, response, callback, null).attempt();
            return true;
        }
        BodyReader.read(request, maxBodyBytes, bodies).whenComplete((body, failure) -> {
            if (failure == null) {
                Callback releasing = Callback.from(callback, () -> bodies.release(body.length));
                new Exchange(this, request, response, releasing, body).attempt();
            } else if (failure instanceof BodyReader.Refused refused) {
                reply(response, callback, refused.status(), refused.getMessage());
            } else {
                callback.failed(failure); // the client went away while sending its body
            }
        });
        return true;
    }

    BackendPool pool() {
        return pool;
    }

    ClientTotals totals() {
        return totals;
    }

    Duration responseTimeout() {
        return responseTimeout;
    }

    TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** Answers a request from the balancer itself, as one line of plain text. */
    static void reply(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(("tuesday balancer: " + message + "\n").getBytes(StandardCharsets.UTF_8)), callback);
    }
}
