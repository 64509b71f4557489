package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainTest {

    @Test
    void drainingLetsRequestsInFlightFinishAndSendsNothingNew() throws Exception {
        try (TestBackend leaving = TestBackend.start("leaving"); TestBackend staying = TestBackend.start("staying")) {
            try (Balancer balancer = TestBalancers.startReady(TestBalancers.fast()
                    .backend("leaving", leaving.uri(), "v1", 10)
                    .backend("staying", staying.uri(), "v2", 1))) {

                // Weight 10 vs 1: the first request goes to "leaving" and stays there for 2 s.
                CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Http.get(balancer.uri(), "/work?ms=2000");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                RoutingTest.waitFor(() -> balancer.backend("leaving").inFlight() == 1);

                CompletableFuture<Void> drained = balancer.drain("leaving");
                assertThat(balancer.backend("leaving").state()).isEqualTo(BackendState.DRAINING);
                assertThat(drained).isNotDone();

                for (int i = 0; i < 10; i++) {
                    assertThat(Http.get(balancer.uri(), "/work").body()).isEqualTo("staying");
                }
                assertThat(leaving.arrivals()).isEqualTo(1);

                HttpResponse<String> finished = slow.get(5, TimeUnit.SECONDS);
                assertThat(finished.statusCode()).isEqualTo(200);
                assertThat(finished.body()).isEqualTo("leaving");
                drained.get(5, TimeUnit.SECONDS);
                assertThat(balancer.backend("leaving").inFlight()).isZero();
                assertThat(balancer.upstreamOf("leaving").isClosed()).as("idle upstream connections closed").isTrue();
                RoutingTest.waitFor(() -> balancer.upstreamOf("leaving").connections() == 0);
                assertThat(balancer.upstreamOf("staying").isClosed()).isFalse();
                assertThat(balancer.metrics().clientFailures()).isZero();
            }
        }
    }

    @Test
    void drainOfAnIdleBackendCompletesAtOnce() throws Exception {
        try (TestBackend backend = TestBackend.start("idle")) {
            try (Balancer balancer = TestBalancers.fast().backend("idle", backend.uri(), "v1", 1).start()) {
                balancer.awaitReady("idle", TestBalancers.READY);
                balancer.drain("idle").get(2, TimeUnit.SECONDS);
                assertThat(Http.get(balancer.uri(), "/work").statusCode()).isEqualTo(503);
                assertThat(backend.arrivals()).isZero();
            }
        }
    }

    @Test
    void removingABackendDrainsItThenForgetsIt() throws Exception {
        try (TestBackend a = TestBackend.start("a"); TestBackend b = TestBackend.start("b")) {
            try (Balancer balancer = TestBalancers.startReady(TestBalancers.fast()
                    .backend("a", a.uri(), "v1", 1)
                    .backend("b", b.uri(), "v1", 1))) {
                for (int i = 0; i < 4; i++) {
                    Http.get(balancer.uri(), "/work");
                }
                Upstream upstream = balancer.upstreamOf("a");
                assertThat(upstream.connections()).isPositive(); // it holds keep-alive connections to "a"
                balancer.removeBackend("a").get(5, TimeUnit.SECONDS);
                assertThat(upstream.isClosed()).as("idle connections to a removed backend are closed").isTrue();
                RoutingTest.waitFor(() -> upstream.connections() == 0);
                assertThat(balancer.backends()).extracting(BackendView::id).containsExactly("b");
                for (int i = 0; i < 5; i++) {
                    assertThat(Http.get(balancer.uri(), "/work").body()).isEqualTo("b");
                }
                // Its version keeps the traffic it had.
                assertThat(balancer.metrics().byVersion()).containsKey("v1");
            }
        }
    }
}
