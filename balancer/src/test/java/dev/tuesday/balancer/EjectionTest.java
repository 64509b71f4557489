package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Passive ejection tolerates the odd lost connection (a keep-alive race with a backend closing an
 * idle connection looks like one): a backend goes out after N connection failures in a row, and
 * the last ready backend never goes out on them. Readiness polling runs once, so states change
 * only through traffic.
 */
class EjectionTest {

    @Test
    void oneConnectionFailureLeavesAReadyBackendInRotation() throws Exception {
        try (HangUpBackend once = HangUpBackend.hangingUpOn(1); TestBackend healthy = TestBackend.start("healthy")) {
            try (Balancer balancer = TestBalancers.startReady(TestBalancers.pollOnce()
                    .backend("once", once.uri(), "v1", 10)
                    .backend("healthy", healthy.uri(), "v1", 1))) {

                HttpResponse<String> retried = Http.get(balancer.uri(), "/work");
                assertThat(retried.statusCode()).isEqualTo(200);
                assertThat(retried.body()).isEqualTo("healthy");
                assertThat(balancer.backend("once").traffic().connectionFailures()).isEqualTo(1);
                assertThat(balancer.backend("once").state()).isEqualTo(BackendState.READY);

                HttpResponse<String> next = Http.get(balancer.uri(), "/work");
                assertThat(next.statusCode()).isEqualTo(200);
                assertThat(next.body()).isEqualTo("ok"); // the larger weight, still in rotation
            }
        }
    }

    @Test
    void ejectsABackendAfterThreeConnectionFailuresInARow() throws Exception {
        try (HangUpBackend hangUp = HangUpBackend.start(); TestBackend healthy = TestBackend.start("healthy")) {
            try (Balancer balancer = TestBalancers.pollOnce()
                    .backend("hang-up", hangUp.uri(), "v1", 10)
                    .backend("healthy", healthy.uri(), "v1", 1)
                    .start()) {
                balancer.awaitReady("hang-up", TestBalancers.READY);
                balancer.awaitReady("healthy", TestBalancers.READY);
                for (int i = 0; i < 20 && hangUp.arrivals() < 3; i++) {
                    assertThat(balancer.backend("hang-up").state()).isEqualTo(BackendState.READY);
                    assertThat(Http.get(balancer.uri(), "/work").statusCode()).isEqualTo(200); // retried once
                }
                assertThat(hangUp.arrivals()).isEqualTo(3);
                assertThat(balancer.backend("hang-up").state()).isEqualTo(BackendState.DOWN);
                assertThat(balancer.metrics().clientFailures()).isZero();
            }
        }
    }

    @Test
    void neverEjectsTheLastReadyBackendOnAConnectionFailure() throws Exception {
        try (HangUpBackend once = HangUpBackend.hangingUpOn(1)) {
            try (Balancer balancer = TestBalancers.pollOnce().ejectAfterConnectionFailures(1)
                    .backend("only", once.uri(), "v1", 1)
                    .start()) {
                assertThat(balancer.awaitReady("only", TestBalancers.READY)).isTrue();
                HttpResponse<String> lost = Http.get(balancer.uri(), "/work");
                assertThat(lost.statusCode()).isEqualTo(503);
                assertThat(lost.body()).contains("no other ready backend after only failed");
                assertThat(balancer.backend("only").state()).isEqualTo(BackendState.READY);
                HttpResponse<String> next = Http.get(balancer.uri(), "/work");
                assertThat(next.statusCode()).isEqualTo(200);
                assertThat(next.body()).isEqualTo("ok");
            }
        }
    }

    @Test
    void closesIdleBackendConnectionsBeforeBackendsCommonlyDo() throws Exception {
        assertThat(Balancer.configure().build().backendIdleTimeout()).isLessThan(Duration.ofSeconds(5))
                .isLessThan(Balancer.configure().build().idleTimeout());
        try (TestBackend backend = TestBackend.start("b")) {
            try (Balancer balancer = TestBalancers.pollOnce().backendIdleTimeout(Duration.ofMillis(300))
                    .backend("b", backend.uri(), "v1", 1)
                    .start()) {
                balancer.awaitReady("b", TestBalancers.READY);
                assertThat(Http.get(balancer.uri(), "/work").statusCode()).isEqualTo(200);
                Upstream upstream = balancer.upstreamOf("b");
                assertThat(upstream.idleConnections()).isEqualTo(1);
                RoutingTest.waitFor(() -> upstream.connections() == 0);
                assertThat(upstream.connections()).isZero();
            }
        }
    }
}
