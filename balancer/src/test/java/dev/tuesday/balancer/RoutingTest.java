package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RoutingTest {

    @Test
    void sendsRequestsOnlyToReadyBackends() throws Exception {
        try (TestBackend ready = TestBackend.start("ready");
             TestBackend starting = TestBackend.start("starting")) {
            starting.ready(false);
            try (Balancer balancer = TestBalancers.fast()
                    .backend("ready", ready.uri(), "v1", 1)
                    .backend("starting", starting.uri(), "v1", 1)
                    .start()) {
                assertThat(balancer.awaitReady("ready", TestBalancers.READY)).isTrue();
                for (int i = 0; i < 20; i++) {
                    assertThat(Http.get(balancer.uri(), "/work").body()).isEqualTo("ready");
                }
                assertThat(starting.arrivals()).isZero();
                assertThat(balancer.backend("starting").state()).isEqualTo(BackendState.STARTING);

                starting.ready(true);
                assertThat(balancer.awaitReady("starting", TestBalancers.READY)).isTrue();
                for (int i = 0; i < 20; i++) {
                    assertThat(Http.get(balancer.uri(), "/work").statusCode()).isEqualTo(200);
                }
                assertThat(starting.arrivals()).isEqualTo(10);
            }
        }
    }

    @Test
    void answers503WhenNoBackendIsReady() throws Exception {
        try (TestBackend backend = TestBackend.start("a")) {
            backend.ready(false);
            try (Balancer balancer = TestBalancers.fast().backend("a", backend.uri(), "v1", 1).start()) {
                HttpResponse<String> response = Http.get(balancer.uri(), "/work");
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).contains("no ready backend");
                assertThat(backend.arrivals()).isZero();
                assertThat(balancer.metrics().clientFailures()).isEqualTo(1);
            }
        }
    }

    @Test
    void takesABackendDownAfterFallFailedChecksAndBackAfterRise() throws Exception {
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b")) {
            List<StateChange> changes = new CopyOnWriteArrayList<>();
            try (Balancer balancer = TestBalancers.fast()
                    .backend("a", a.uri(), "v1", 1)
                    .backend("b", b.uri(), "v1", 1)
                    .start()) {
                balancer.addListener(changes::add);
                assertThat(balancer.awaitReady("a", TestBalancers.READY)).isTrue();
                assertThat(balancer.awaitReady("b", TestBalancers.READY)).isTrue();

                a.ready(false);
                waitFor(() -> balancer.backend("a").state() == BackendState.DOWN);
                int before = a.arrivals();
                for (int i = 0; i < 10; i++) {
                    assertThat(Http.get(balancer.uri(), "/work").body()).isEqualTo("b");
                }
                assertThat(a.arrivals()).isEqualTo(before);

                a.ready(true);
                assertThat(balancer.awaitReady("a", TestBalancers.READY)).isTrue();
                assertThat(changes).extracting(StateChange::backendId, StateChange::to)
                        .containsSubsequence(
                                org.assertj.core.groups.Tuple.tuple("a", BackendState.DOWN),
                                org.assertj.core.groups.Tuple.tuple("a", BackendState.READY));
            }
        }
    }

    @Test
    void splitsTrafficByWeight() throws Exception {
        try (TestBackend heavy = TestBackend.start("heavy"); TestBackend light = TestBackend.start("light")) {
            try (Balancer balancer = TestBalancers.startReady(TestBalancers.fast()
                    .backend("heavy", heavy.uri(), "v1", 3)
                    .backend("light", light.uri(), "v2", 1))) {
                for (int i = 0; i < 400; i++) {
                    assertThat(Http.get(balancer.uri(), "/work").statusCode()).isEqualTo(200);
                }
                assertThat(heavy.arrivals()).isEqualTo(300);
                assertThat(light.arrivals()).isEqualTo(100);

                balancer.setWeight("light", 0);
                for (int i = 0; i < 20; i++) {
                    Http.get(balancer.uri(), "/work");
                }
                assertThat(light.arrivals()).isEqualTo(100);
                assertThat(balancer.metrics().byVersion().get("v1").requests()).isEqualTo(320);
                assertThat(balancer.metrics().byVersion().get("v2").requests()).isEqualTo(100);
            }
        }
    }

    @Test
    void forwardsBodyHostAndForwardedHeaders() throws Exception {
        try (TestBackend backend = TestBackend.start("a")) {
            try (Balancer balancer = TestBalancers.fast().trustedProxies(java.util.List.of("127.0.0.1"))
                    .backend("a", backend.uri(), "v1", 1).start()) {
                balancer.awaitReady("a", TestBalancers.READY);
                HttpResponse<String> response = Http.send(balancer.uri(), "POST", "/echo", "hello",
                        "X-Forwarded-For", "203.0.113.9");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body())
                        .contains("host=127.0.0.1:" + balancer.port())
                        .contains("xff=203.0.113.9, 127.0.0.1")
                        .contains("proto=http")
                        .contains("method=POST")
                        .contains("body=hello");
            }
        }
    }

    @Test
    void passesBackend5xxThroughAndCountsIt() throws Exception {
        try (TestBackend backend = TestBackend.start("a")) {
            try (Balancer balancer = TestBalancers.fast().backend("a", backend.uri(), "v1", 1).start()) {
                balancer.awaitReady("a", TestBalancers.READY);
                assertThat(Http.get(balancer.uri(), "/fail").statusCode()).isEqualTo(503);
                assertThat(Http.get(balancer.uri(), "/work").statusCode()).isEqualTo(200);
                TrafficStats stats = balancer.backend("a").traffic();
                assertThat(stats.requests()).isEqualTo(2);
                assertThat(stats.responses5xx()).isEqualTo(1);
                assertThat(stats.latencyMicros().getTotalCount()).isEqualTo(2);
                assertThat(balancer.metrics().clientFailures()).isZero();
            }
        }
    }

    @Test
    void refusesRequestBodiesLargerThanTheLimitWith413() throws Exception {
        try (TestBackend backend = TestBackend.start("a")) {
            try (Balancer balancer = TestBalancers.fast().maxRequestBodyBytes(64)
                    .backend("a", backend.uri(), "v1", 1).start()) {
                balancer.awaitReady("a", TestBalancers.READY);
                String big = "x".repeat(1000);
                assertThat(Http.post(balancer.uri(), "/echo", big).statusCode()).isEqualTo(413);
                var chunked = java.net.http.HttpRequest.newBuilder(balancer.uri().resolve("/echo"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(big.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                        .build();
                var response = java.net.http.HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(413);
                assertThat(backend.arrivals()).isZero();
                assertThat(Http.post(balancer.uri(), "/echo", "small").body()).contains("body=small");
            }
        }
    }

    @Test
    void keepsABackendInRotationWhenAClientHangsUpMidResponse() throws Exception {
        try (TestBackend backend = TestBackend.start("a")) {
            try (Balancer balancer = TestBalancers.pollOnce().backend("a", backend.uri(), "v1", 1).start()) {
                balancer.awaitReady("a", TestBalancers.READY);
                try (java.net.Socket client = new java.net.Socket("127.0.0.1", balancer.port())) {
                    client.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: test\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    assertThat(client.getInputStream().readNBytes(2048)).hasSize(2048); // streaming has begun
                }
                waitFor(() -> balancer.backend("a").inFlight() == 0);
                assertThat(balancer.backend("a").state()).isEqualTo(BackendState.READY);
                assertThat(balancer.backend("a").traffic().connectionFailures()).isZero();
                assertThat(Http.get(balancer.uri(), "/work").statusCode()).isEqualTo(200);
            }
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(20);
        }
    }
}
