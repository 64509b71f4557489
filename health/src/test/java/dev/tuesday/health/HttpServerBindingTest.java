package dev.tuesday.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServerBindingTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HttpServer server;

    private Health start(Health health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        HttpServerBinding binding = HttpServerBinding.install(server, health);
        server.createContext("/slow", binding.tracked(exchange -> {
            try (exchange) {
                sleep(Duration.ofMillis(800));
                byte[] body = "done".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        }));
        server.start();
        return health;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAnswerHealthJsonWithNoCacheHeadersAndDetailsOnlyWhenAsked() throws Exception {
        AtomicBoolean dbUp = new AtomicBoolean(false);
        Health health = start(Health.configure().cacheTtl(Duration.ZERO)
                .readiness("database", () -> dbUp.get() ? CheckResult.pass() : CheckResult.fail("connection refused"))
                .liveness("deadlocks", Checks.deadlocks())
                .build());

        HttpResponse<String> starting = get("/readyz");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).isEqualTo("{\"status\":\"fail\"}");
        assertThat(starting.headers().firstValue("Content-Type")).hasValue("application/health+json");
        assertThat(starting.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        assertThat(get("/startupz").statusCode()).isEqualTo(503);
        assertThat(get("/livez").statusCode()).isEqualTo(200);

        health.markReady();
        HttpResponse<String> down = get("/readyz?verbose");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"database\":{\"status\":\"fail\",\"output\":\"connection refused\"");

        dbUp.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").body()).isEqualTo("{\"status\":\"pass\"}");
        assertThat(get("/startupz").statusCode()).isEqualTo(200);
        assertThat(get("/livez?verbose=true").body()).contains("\"deadlocks\":{\"status\":\"pass\"");
        assertThat(get("/readyzz").statusCode()).isEqualTo(404);
    }

    @Test
    void drainFinishesTheRequestInFlightWithConnectionCloseThenRefusesConnections() throws Exception {
        Health health = start(Health.configure().drainDelay(Duration.ofMillis(300)).drainTimeout(Duration.ofSeconds(5)).build());
        health.markReady();
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sleep(100);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(health::drain);
        sleep(100);
        HttpResponse<String> duringDelay = get("/readyz");
        assertThat(duringDelay.statusCode()).isEqualTo(503);
        assertThat(duringDelay.headers().firstValue("Connection")).hasValue("close");

        HttpResponse<String> slow = inFlight.get();
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slow.body()).isEqualTo("done");
        assertThat(drained.get()).isTrue();
        assertThat(health.state()).isEqualTo(HealthState.STOPPED);
        assertThatThrownBy(() -> get("/readyz")).isInstanceOf(ConnectException.class);
    }

    private static void sleep(long millis) {
        sleep(Duration.ofMillis(millis));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void givesNoDetailsToARequestAProxyForwardedEvenFromLoopback() throws Exception {
        Health health = start(Health.configure().readiness("database", () -> CheckResult.fail("db.internal:5432 refused")).build());
        health.markReady();
        assertThat(get("/readyz?verbose").body()).contains("db.internal:5432 refused");
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/readyz?verbose");
        HttpResponse<String> forwarded = client.send(HttpRequest.newBuilder(uri).header("X-Forwarded-For", "203.0.113.9").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forwarded.statusCode()).isEqualTo(503);
        assertThat(forwarded.body()).isEqualTo("{\"status\":\"fail\"}");
    }
}
