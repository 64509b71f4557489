package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** Balancer settings for tests: loopback, a free port, fast readiness polling. */
final class TestBalancers {
    static final HealthSettings FAST = new HealthSettings("/readyz", Duration.ofMillis(100), Duration.ofSeconds(2), 1, 2);
    /** Polls once at start, then practically never: states change only through traffic. */
    static final HealthSettings ONCE = new HealthSettings("/readyz", Duration.ofMinutes(10), Duration.ofSeconds(2), 1, 2);
    /** Generous, for busy CI machines: awaitReady returns as soon as the backend is ready. */
    static final Duration READY = Duration.ofSeconds(20);

    private TestBalancers() {
    }

    static BalancerConfig.Builder fast() {
        return Balancer.configure().listen("127.0.0.1", 0).health(FAST);
    }

    static BalancerConfig.Builder pollOnce() {
        return Balancer.configure().listen("127.0.0.1", 0).health(ONCE);
    }

    /** Starts the balancer {@code builder} describes and waits until every one of its backends is ready. */
    static Balancer startReady(BalancerConfig.Builder builder) throws InterruptedException {
        Balancer balancer = builder.start();
        try {
            for (BackendView backend : balancer.backends()) {
                assertThat(balancer.awaitReady(backend.id(), READY)).as(backend.id() + " ready").isTrue();
            }
            return balancer;
        } catch (InterruptedException | RuntimeException | AssertionError e) {
            balancer.close();
            throw e;
        }
    }
}
