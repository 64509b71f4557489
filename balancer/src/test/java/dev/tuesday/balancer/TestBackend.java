package dev.tuesday.balancer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP backend on loopback for tests, in-process or as a child process ({@link #main}).
 * <ul>
 *   <li>{@code /readyz}: 200 while ready, else 503;</li>
 *   <li>{@code /work?ms=N}: waits N ms, answers 200 with the backend's name;</li>
 *   <li>{@code /echo}: answers the forwarding headers and Host it received, and the body;</li>
 *   <li>{@code /fail}: 503;</li>
 *   <li>{@code /stream}: 100 chunks of 1 KiB, 20 ms apart.</li>
 * </ul>
 * Counts every non-readiness request it receives.
 */
final class TestBackend implements AutoCloseable {
    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicInteger arrivals = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();

    private TestBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestBackend start(String name) throws IOException {
        return new TestBackend(name);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    void ready(boolean value) {
        ready.set(value);
    }

    int arrivals() {
        return arrivals.get();
    }

    int completed() {
        return completed.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/readyz")) {
                reply(exchange, ready.get() ? 200 : 503, ready.get() ? "ready" : "not ready");
                return;
            }
            arrivals.incrementAndGet();
            switch (path) {
                case "/work" -> {
                    String query = exchange.getRequestURI().getQuery();
                    long millis = query != null && query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 0;
                    sleep(millis);
                    reply(exchange, 200, name);
                }
                case "/echo" -> reply(exchange, 200, "host=" + exchange.getRequestHeaders().getFirst("Host")
                        + "\nxff=" + exchange.getRequestHeaders().getFirst("X-Forwarded-For")
                        + "\nproto=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")
                        + "\nforwarded=" + exchange.getRequestHeaders().getFirst("Forwarded")
                        + "\nrealip=" + exchange.getRequestHeaders().getFirst("X-Real-IP")
                        + "\nxfhost=" + exchange.getRequestHeaders().getFirst("X-Forwarded-Host")
                        + "\nmethod=" + exchange.getRequestMethod()
                        + "\nbody=" + new String(body, StandardCharsets.UTF_8));
                case "/fail" -> reply(exchange, 503, name + " fails");
                case "/stream" -> stream(exchange);
                default -> reply(exchange, 200, name);
            }
            completed.incrementAndGet();
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void stream(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < 100; i++) {
                exchange.getResponseBody().write(chunk);
                exchange.getResponseBody().flush();
                sleep(20);
            }
        } catch (IOException e) {
            // the balancer stopped reading: expected when its client went away
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a backend named {@code args[0]} until killed; prints {@code PORT <n>} once listening. */
    public static void main(String[] args) throws Exception {
        TestBackend backend = new TestBackend(args[0]);
        System.out.println("PORT " + backend.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
