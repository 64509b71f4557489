package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Slow or greedy clients cannot hold the balancer: a connection limit, a header deadline, a budget for bodies. */
class SlowClientTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void cutsAClientThatSendsItsHeadersOneByteAtATimePastTheIdleTimeout() throws Exception {
        try (TestBackend backend = TestBackend.start("a");
             Balancer balancer = TestBalancers.pollOnce().idleTimeout(Duration.ofSeconds(3)).headerTimeout(Duration.ofSeconds(2))
                     .backend("a", backend.uri(), "v1", 1).start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), balancer.port())) {
            balancer.awaitReady("a", TestBalancers.READY);
            byte[] head = "GET /work HTTP/1.1\r\nHost: slow\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            socket.setSoTimeout(1000); // one byte a second: never idle for the 3 s idle timeout
            long start = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < head.length && !cut && elapsed(start).toSeconds() < 12; i++) {
                try {
                    socket.getOutputStream().write(head[i]);
                    socket.getOutputStream().flush();
                    cut = socket.getInputStream().read() == -1;
                } catch (SocketTimeoutException e) {
                    // nothing from the balancer for a second: send the next byte
                } catch (IOException e) {
                    cut = true; // reset
                }
            }
            Duration after = elapsed(start);
            assertThat(cut).as("cut after %s", after).isTrue();
            assertThat(after).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(8));
            assertThat(backend.arrivals()).isZero();
        }
    }

    @Test
    void letsAKeepAliveClientPauseBetweenRequestsLongerThanTheHeaderTimeout() throws Exception {
        try (TestBackend backend = TestBackend.start("a");
             Balancer balancer = TestBalancers.pollOnce().idleTimeout(Duration.ofSeconds(5)).headerTimeout(Duration.ofSeconds(1))
                     .backend("a", backend.uri(), "v1", 1).start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), balancer.port())) {
            balancer.awaitReady("a", TestBalancers.READY);
            socket.setSoTimeout(10_000);
            assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
            Thread.sleep(2500);
            assertThat(exchange(socket)).startsWith("HTTP/1.1 200");
            assertThat(backend.arrivals()).isEqualTo(2);
        }
    }

    @Test
    void acceptsNoMoreThanMaxConnectionsAtOnce() throws Exception {
        try (TestBackend backend = TestBackend.start("a");
             Balancer balancer = TestBalancers.pollOnce().maxConnections(2).backend("a", backend.uri(), "v1", 1).start()) {
            balancer.awaitReady("a", TestBalancers.READY);
            Socket first = new Socket(InetAddress.getLoopbackAddress(), balancer.port());
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), balancer.port())) {
                Thread.sleep(300); // both accepted by the balancer
                CompletableFuture<HttpResponse<String>> third = CLIENT.sendAsync(
                        HttpRequest.newBuilder(balancer.uri().resolve("/work")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Thread.sleep(1500);
                assertThat(third).as("a third connection waits while two are open").isNotDone();
                first.close();
                assertThat(third.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void refusesBodiesBeyondTheMemoryBudgetWith503AndServesThemOnceItIsFree() throws Exception {
        try (TestBackend backend = TestBackend.start("a");
             Balancer balancer = TestBalancers.pollOnce().maxRequestBodyBytes(600_000).maxBufferedBodyBytes(1_000_000)
                     .backend("a", backend.uri(), "v1", 1).start()) {
            balancer.awaitReady("a", TestBalancers.READY);
            String body = "x".repeat(550_000); // two do not fit in the budget
            CompletableFuture<HttpResponse<String>> holding = CLIENT.sendAsync(
                    HttpRequest.newBuilder(balancer.uri().resolve("/work?ms=3000")).timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            RoutingTest.waitFor(() -> backend.arrivals() == 1); // its body is held while it is in flight

            HttpResponse<String> sized = post(balancer, HttpRequest.BodyPublishers.ofString(body));
            assertThat(sized.statusCode()).isEqualTo(503);
            assertThat(sized.body()).contains("too many request bodies held at once");
            HttpResponse<String> chunked = post(balancer, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII))));
            assertThat(chunked.statusCode()).isEqualTo(503);
            assertThat(backend.arrivals()).isEqualTo(1);

            assertThat(holding.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            // Its bytes are given back when its exchange completes, just after the client has the response.
            int status = 0;
            for (int i = 0; i < 50 && status != 200; i++) {
                Thread.sleep(100);
                status = post(balancer, HttpRequest.BodyPublishers.ofString(body)).statusCode();
            }
            assertThat(status).isEqualTo(200);
            assertThat(post(balancer, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)))).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(Balancer balancer, HttpRequest.BodyPublisher body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(balancer.uri().resolve("/work")).timeout(Duration.ofSeconds(20)).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One GET on a kept-alive socket; returns the status line and headers (the body is the backend's name, 1 byte). */
    private static String exchange(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write("GET /work HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                return "closed: " + head;
            }
            head.append((char) b);
        }
        in.readNBytes(1); // the body: "a"
        return head.toString();
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
