package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the balancer lets the requests in flight finish: in process, and on SIGTERM to its own JVM. */
class ShutdownTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void shutdownStopsAcceptingAndFinishesTheRequestsInFlight() throws Exception {
        try (TestBackend slow = TestBackend.start("slow")) {
            Balancer balancer = TestBalancers.pollOnce().backend("slow", slow.uri(), "v1", 1).start();
            balancer.awaitReady("slow", TestBalancers.READY);
            URI uri = balancer.uri();
            CompletableFuture<HttpResponse<String>> inFlight = get(uri, "/work?ms=2000");
            RoutingTest.waitFor(() -> slow.arrivals() == 1);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(balancer::shutdown);
            RoutingTest.waitFor(() -> refuses(uri));
            assertThat(stopped).isNotDone();

            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("slow");
            stopped.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermToABalancerProcessFinishesTheRequestInFlight() throws Exception {
        try (TestBackend slow = TestBackend.start("slow")) {
            Path config = dir.resolve("balancer.yaml");
            Files.writeString(config, """
                    listen: 127.0.0.1:0
                    health: { interval: 100ms, rise: 1 }
                    timeouts: { drain: 20s }
                    backends:
                      - { id: slow, url: "%s", version: v1 }
                    """.formatted(slow.uri()));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), BalancerMain.class.getName(), config.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                URI uri = URI.create("http://127.0.0.1:" + port(process));
                RoutingTest.waitFor(() -> status(uri) == 200);
                int before = slow.arrivals();
                CompletableFuture<HttpResponse<String>> inFlight = get(uri, "/work?ms=3000");
                RoutingTest.waitFor(() -> slow.arrivals() == before + 1);

                process.destroy(); // SIGTERM

                HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("slow");
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the balancer exits after its drain").isTrue();
                assertThatThrownBy(() -> get(uri, "/work").join()).hasCauseInstanceOf(ConnectException.class);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static int port(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("PORT ")) {
            throw new IllegalStateException("the balancer process did not start: " + line);
        }
        return Integer.parseInt(line.substring(5).trim());
    }

    private static CompletableFuture<HttpResponse<String>> get(URI base, String path) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int status(URI base) {
        try {
            return Http.get(base, "/work").statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean refuses(URI base) {
        try (java.net.Socket ignored = new java.net.Socket(base.getHost(), base.getPort())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
