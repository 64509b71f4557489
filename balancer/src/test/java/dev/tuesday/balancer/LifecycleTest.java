package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void failsToStartWithAOneLineMessageWhenThePortIsTaken() {
        try (Balancer first = TestBalancers.fast().start()) {
            assertThatThrownBy(() -> Balancer.configure().listen("127.0.0.1", first.port()).start())
                    .isInstanceOf(BalancerStartException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port() + ":")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void runsUntilClosed() throws Exception {
        Balancer balancer = TestBalancers.fast().start();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                balancer.awaitClosed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(100);
        assertThat(running).isNotDone();
        balancer.close();
        running.get(5, TimeUnit.SECONDS);
    }

    @Test
    void refusesUnknownAndDuplicateBackends() throws Exception {
        try (TestBackend backend = TestBackend.start("a");
             Balancer balancer = TestBalancers.fast().backend("a", backend.uri(), "v1", 1).start()) {
            assertThatThrownBy(() -> balancer.addBackend("a", backend.uri(), "v1", 1))
                    .isInstanceOf(DuplicateBackendException.class);
            assertThatThrownBy(() -> balancer.drain("nope"))
                    .isInstanceOf(NoSuchBackendException.class).hasMessage("no backend with id 'nope'");
            assertThatThrownBy(() -> balancer.setWeight("a", -1)).hasMessageContaining("weight -1");
            assertThatThrownBy(() -> balancer.addBackend("b", URI.create("http://127.0.0.1:1/api"), "v1", 1))
                    .hasMessageContaining("must not have a path");
            assertThat(balancer.awaitReady("a", TestBalancers.READY)).isTrue();
        }
    }

    @Test
    void awaitReadyGivesUpOnABackendThatNeverBecomesReady() throws Exception {
        try (TestBackend backend = TestBackend.start("a")) {
            backend.ready(false);
            try (Balancer balancer = TestBalancers.fast().backend("a", backend.uri(), "v1", 1).start()) {
                long start = System.nanoTime();
                assertThat(balancer.awaitReady("a", Duration.ofMillis(400))).isFalse();
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
                assertThat(balancer.backend("a").state()).isEqualTo(BackendState.STARTING);
            }
        }
    }
}
