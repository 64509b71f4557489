package dev.tuesday.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * Serves the probes on the JDK's built-in {@link HttpServer} and drains it.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
 * HttpServerBinding probes = HttpServerBinding.install(server, health);  // /livez /readyz /startupz
 * server.createContext("/users", probes.tracked(usersHandler));         // counted for the drain
 * server.start();
 * }</pre>
 *
 * <p>Wrap every application handler with {@link #tracked(HttpHandler)}: the wrapper counts the
 * request in flight (incremented before it reads the draining flag) and, once the drain has
 * begun, sets {@code Connection: close} on the response so that keep-alive connections end.
 * At the end of the drain delay the binding calls {@link HttpServer#stop(int)}, which closes the
 * listening socket at once and then waits for the exchanges that are left.
 */
public final class HttpServerBinding implements DrainTarget {

    /** The longest wait, once no request is counted in flight, for the server's own stop. */
    private static final Duration STOP_SETTLE = Duration.ofSeconds(1);

    private final HttpServer server;
    private final Health health;
    private final InFlight inFlight;
    private volatile Thread stopper;

    private HttpServerBinding(HttpServer server, Health health) {
        this.server = server;
        this.health = health;
        this.inFlight = new InFlight(health);
    }

    /**
     * Adds the contexts {@code /livez}, {@code /readyz} and {@code /startupz} to {@code server}
     * and registers it with {@code health}'s drain.
     */
    public static HttpServerBinding install(HttpServer server, Health health) {
        HttpServerBinding binding = new HttpServerBinding(server, health);
        for (Probe probe : Probe.values()) {
            server.createContext(probe.path(), binding.tracked(binding::probe));
        }
        health.addDrainTarget(binding);
        return binding;
    }

    /** {@code handler}, counted in flight and answered with {@code Connection: close} while draining. */
    public HttpHandler tracked(HttpHandler handler) {
        return exchange -> {
            boolean draining = inFlight.enter();
            try {
                if (draining) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                handler.handle(exchange);
            } finally {
                inFlight.exit();
            }
        };
    }

    private void probe(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean forwarded = ProbeAnswer.FORWARDING_HEADERS.stream().anyMatch(exchange.getRequestHeaders()::containsKey);
            ProbeAnswer answer = ProbeAnswer.answer(health, path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRemoteAddress().getAddress(), forwarded).orElse(null);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", ProbeAnswer.CONTENT_TYPE);
            for (Map.Entry<String, String> h : ProbeAnswer.NO_CACHE_HEADERS.entrySet()) {
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(answer.status(), head ? -1 : answer.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        }
    }

    /** The requests being handled now (probes included). */
    @Override
    public long inFlight() {
        return inFlight.current();
    }

    @Override
    public void stopAccepting() {
        // stop() closes the listening socket first, then blocks until the exchanges are over (or
        // its delay passes), so it runs on its own thread while the drain counts requests.
        int seconds = (int) Math.max(1, health.drainTimeout().toSeconds() + 1);
        Thread t = new Thread(() -> server.stop(seconds), "tuesday-health-http-stop");
        t.setDaemon(true);
        stopper = t;
        t.start();
    }

    @Override
    public void stop(Duration grace) {
        Thread t = stopper;
        if (t == null) {
            server.stop(0);
            return;
        }
        try {
            // Lets the server finish exchanges it accepted but had not handed to a handler yet. On
            // JDK 22+ stop() returns as soon as none is left; JDK 21's waits out its whole delay
            // even when idle, so the wait is capped.
            t.join(Math.max(1, Math.min(grace.toMillis(), STOP_SETTLE.toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
