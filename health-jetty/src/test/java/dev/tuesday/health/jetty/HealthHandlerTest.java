package dev.tuesday.health.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.health.CheckResult;
import dev.tuesday.health.Checks;
import dev.tuesday.health.Health;
import dev.tuesday.health.HealthState;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthHandlerTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Server server;
    private int port;

    private void start(Health health) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new HealthHandler(health, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (!Request.getPathInContext(request).equals("/slow")) {
                    return false;
                }
                Thread.sleep(800);
                response.setStatus(200);
                Content.Sink.write(response, true, "done", callback);
                return true;
            }
        }));
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAnswerHealthJsonWithNoCacheHeadersAndDetailsOnlyWhenAsked() throws Exception {
        AtomicBoolean dbUp = new AtomicBoolean(false);
        Health health = Health.configure().cacheTtl(Duration.ZERO)
                .readiness("database", () -> dbUp.get() ? CheckResult.pass() : CheckResult.fail("connection refused"))
                .liveness("deadlocks", Checks.deadlocks())
                .build();
        start(health);

        HttpResponse<String> starting = get("/readyz");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).isEqualTo("{\"status\":\"fail\"}");
        assertThat(starting.headers().firstValue("Content-Type")).hasValue("application/health+json");
        assertThat(starting.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        assertThat(get("/livez").statusCode()).isEqualTo(200);

        health.markReady();
        assertThat(get("/readyz?verbose").body()).contains("\"database\":{\"status\":\"fail\",\"output\":\"connection refused\"");
        dbUp.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/startupz").statusCode()).isEqualTo(200);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(((HealthHandler) server.getHandler()).inFlight()).isZero();
    }

    @Test
    void drainFinishesTheRequestInFlightWithConnectionCloseThenRefusesConnections() throws Exception {
        Health health = Health.configure().drainDelay(Duration.ofMillis(300)).drainTimeout(Duration.ofSeconds(5)).build();
        start(health);
        health.markReady();
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(health::drain);
        Thread.sleep(100);
        HttpResponse<String> duringDelay = get("/readyz");
        assertThat(duringDelay.statusCode()).isEqualTo(503);
        assertThat(duringDelay.headers().firstValue("Connection")).hasValue("close");

        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(slow.get().body()).isEqualTo("done");
        assertThat(drained.get()).isTrue();
        assertThat(health.state()).isEqualTo(HealthState.STOPPED);
        assertThat(server.isStopped()).isTrue();
        assertThatThrownBy(() -> get("/readyz")).isInstanceOf(ConnectException.class);
    }

    @Test
    void givesNoDetailsToARequestAProxyForwardedEvenFromLoopback() throws Exception {
        Health health = Health.configure().readiness("database", () -> CheckResult.fail("db.internal:5432 refused")).build();
        start(health);
        health.markReady();
        assertThat(get("/readyz?verbose").body()).contains("db.internal:5432 refused");
        URI uri = URI.create("http://127.0.0.1:" + port + "/readyz?verbose");
        HttpResponse<String> forwarded = client.send(HttpRequest.newBuilder(uri).header("Forwarded", "for=203.0.113.9").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forwarded.statusCode()).isEqualTo(503);
        assertThat(forwarded.body()).isEqualTo("{\"status\":\"fail\"}");
    }
}
