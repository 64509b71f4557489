package dev.tuesday.health.jetty;

import dev.tuesday.health.DrainTarget;
import dev.tuesday.health.Health;
import dev.tuesday.health.InFlight;
import dev.tuesday.health.ProbeAnswer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * A Jetty 12 handler that serves Tuesday's probes ({@code /livez}, {@code /readyz},
 * {@code /startupz}) in front of the application's handler, counts requests in flight, and lets
 * {@link Health#drain()} take the server out of service.
 *
 * <pre>{@code
 * Server server = new Server();
 * server.addConnector(new ServerConnector(server));
 * server.setHandler(new HealthHandler(health, appHandler));
 * server.start();
 * health.installShutdownHook();
 * }</pre>
 *
 * <p>Each request is counted before the draining flag is read, and uncounted when its callback
 * completes (succeeded or failed); while draining, responses carry {@code Connection: close}.
 * At the end of the drain delay the handler closes the server's network connectors (new
 * connections are refused, accepted ones go on), and once the requests in flight are done it stops
 * the server.
 */
public final class HealthHandler extends Handler.Wrapper implements DrainTarget {

    private final Health health;
    private final InFlight inFlight;

    /** Wraps {@code application} and registers with {@code health}'s drain. */
    public HealthHandler(Health health, Handler application) {
        super(application);
        this.health = health;
        this.inFlight = new InFlight(health);
        health.addDrainTarget(this);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean draining = inFlight.enter();
        Callback counted = Callback.from(callback, inFlight::exit);
        try {
            if (draining) {
                response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            }
            Optional<ProbeAnswer> probe = ProbeAnswer.answer(health, Request.getPathInContext(request),
                    request.getHttpURI().getQuery(), peer(request),
                    ProbeAnswer.FORWARDING_HEADERS.stream().anyMatch(request.getHeaders()::contains));
            if (probe.isPresent()) {
                respond(request, response, probe.get(), counted);
                return true;
            }
            if (super.handle(request, response, counted)) {
                return true;
            }
        } catch (Exception | Error e) {
            inFlight.exit();
            throw e;
        }
        // Not handled: Jetty answers 404 with the original callback, ours is never completed.
        inFlight.exit();
        return false;
    }

    /** The address the connection came from, as Jetty saw it (never taken from a header). */
    private static InetAddress peer(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress address ? address.getAddress() : null;
    }

    private static void respond(Request request, Response response, ProbeAnswer answer, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProbeAnswer.CONTENT_TYPE);
        for (Map.Entry<String, String> h : ProbeAnswer.NO_CACHE_HEADERS.entrySet()) {
            response.getHeaders().put(h.getKey(), h.getValue());
        }
        boolean head = "HEAD".equals(request.getMethod());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(answer.body()), callback);
    }

    /** The requests being handled now (probes included). */
    @Override
    public long inFlight() {
        return inFlight.current();
    }

    /** Closes every network connector of the server: its listening socket closes at once. */
    @Override
    public void stopAccepting() {
        Server server = getServer();
        if (server == null) {
            return;
        }
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                network.close();
            }
        }
    }

    /** Stops the server, letting Jetty's own graceful components use at most {@code grace}. */
    @Override
    public void stop(Duration grace) {
        Server server = getServer();
        if (server == null) {
            return;
        }
        try {
            server.setStopTimeout(Math.max(1, grace.toMillis()));
            server.stop();
        } catch (Exception e) {
            System.err.println("tuesday-health: stopping Jetty failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
