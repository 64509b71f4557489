package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The three retry rules, with arrivals counted at the backends. The failing backend has the
 * larger weight, so smooth weighted round-robin picks it first. Where a test checks that a failed
 * backend is taken out, it ejects after one connection failure.
 */
class RetryTest {

    @Test
    void sendsARequestThatWasNeverSentToAnotherBackendEvenAPost() throws Exception {
        try (TestBackend healthy = TestBackend.start("healthy"); TestBackend gone = TestBackend.start("gone")) {
            try (Balancer balancer = TestBalancers.startReady(TestBalancers.pollOnce().ejectAfterConnectionFailures(1)
                    .backend("gone", gone.uri(), "v1", 10)
                    .backend("healthy", healthy.uri(), "v1", 1))) {
                gone.close(); // connections to it are now refused; polling will not notice for minutes

                HttpResponse<String> response = Http.post(balancer.uri(), "/echo", "order-1");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("body=order-1");
                assertThat(healthy.arrivals()).isEqualTo(1);
                assertThat(balancer.backend("gone").state()).isEqualTo(BackendState.DOWN);
                assertThat(balancer.backend("gone").traffic().connectionFailures()).isEqualTo(1);
                assertThat(balancer.metrics().retries()).isEqualTo(1);
                assertThat(balancer.metrics().clientFailures()).isZero();
            }
        }
    }

    @Test
    void retriesAnIdempotentRequestThatFailedAtTheConnectionOnAnotherBackend() throws Exception {
        try (HangUpBackend hangUp = HangUpBackend.start(); TestBackend healthy = TestBackend.start("healthy")) {
            try (Balancer balancer = hangUpFirst(hangUp, healthy)) {
                HttpResponse<String> response = Http.get(balancer.uri(), "/work");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("healthy");
                assertThat(hangUp.arrivals()).isEqualTo(1);
                assertThat(healthy.arrivals()).isEqualTo(1);
                assertThat(balancer.backend("hang-up").state()).isEqualTo(BackendState.DOWN);
            }
        }
    }

    @Test
    void retriesAnIdempotentRequestOnlyOnce() throws Exception {
        try (HangUpBackend first = HangUpBackend.start(); HangUpBackend second = HangUpBackend.start();
             HangUpBackend third = HangUpBackend.start()) {
            try (Balancer balancer = TestBalancers.pollOnce()
                    .backend("first", first.uri(), "v1", 1)
                    .backend("second", second.uri(), "v1", 1)
                    .backend("third", third.uri(), "v1", 1)
                    .start()) {
                for (String id : new String[] {"first", "second", "third"}) {
                    balancer.awaitReady(id, TestBalancers.READY);
                }
                HttpResponse<String> response = Http.send(balancer.uri(), "PUT", "/work", "same twice is fine");
                assertThat(response.statusCode()).isEqualTo(502);
                assertThat(first.arrivals() + second.arrivals() + third.arrivals()).isEqualTo(2);
                assertThat(balancer.metrics().retries()).isEqualTo(1);
            }
        }
    }

    @Test
    void neverReplaysAPostThatWasSent() throws Exception {
        try (HangUpBackend hangUp = HangUpBackend.start(); TestBackend healthy = TestBackend.start("healthy")) {
            try (Balancer balancer = hangUpFirst(hangUp, healthy)) {
                HttpResponse<String> response = Http.post(balancer.uri(), "/echo", "charge-once");
                assertThat(response.statusCode()).isEqualTo(502);
                assertThat(response.body()).contains("hang-up").contains("not replayed");
                assertThat(hangUp.arrivals()).isEqualTo(1);
                assertThat(healthy.arrivals()).isZero();
                assertThat(balancer.metrics().retries()).isZero();
                assertThat(balancer.metrics().clientFailures()).isEqualTo(1);

                // The backend was ejected at once: the next POST goes to the healthy one.
                assertThat(Http.post(balancer.uri(), "/echo", "next").statusCode()).isEqualTo(200);
                assertThat(healthy.arrivals()).isEqualTo(1);
            }
        }
    }

    @Test
    void answers504WithoutRetryWhenABackendIsTooSlow() throws Exception {
        try (TestBackend slow = TestBackend.start("slow"); TestBackend other = TestBackend.start("other")) {
            try (Balancer balancer = TestBalancers.pollOnce()
                    .responseTimeout(Duration.ofMillis(300))
                    .backend("slow", slow.uri(), "v1", 10)
                    .backend("other", other.uri(), "v1", 1)
                    .start()) {
                balancer.awaitReady("slow", TestBalancers.READY);
                balancer.awaitReady("other", TestBalancers.READY);
                HttpResponse<String> response = Http.get(balancer.uri(), "/work?ms=2000");
                assertThat(response.statusCode()).isEqualTo(504);
                assertThat(other.arrivals()).isZero();
                assertThat(balancer.backend("slow").traffic().timeouts()).isEqualTo(1);
                assertThat(balancer.backend("slow").state()).isEqualTo(BackendState.READY);
            }
        }
    }

    /**
     * A balancer with {@code hangUp} and {@code healthy} ready, {@code hangUp} picked first (weight
     * 10 to 1), each ejected at its first connection failure.
     */
    private static Balancer hangUpFirst(HangUpBackend hangUp, TestBackend healthy) throws InterruptedException {
        Balancer balancer = TestBalancers.pollOnce().ejectAfterConnectionFailures(1)
                .backend("hang-up", hangUp.uri(), "v1", 10)
                .backend("healthy", healthy.uri(), "v1", 1)
                .start();
        balancer.awaitReady("hang-up", TestBalancers.READY);
        balancer.awaitReady("healthy", TestBalancers.READY);
        return balancer;
    }
}
