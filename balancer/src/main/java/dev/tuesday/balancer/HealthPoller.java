package dev.tuesday.balancer;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Polls each backend's readiness endpoint, one check at a time per backend, {@code interval}
 * after the previous check ended (so a slow backend is never probed by overlapping checks).
 * Polling of a backend stops when it drains or is removed.
 */
final class HealthPoller {
    private final BackendPool pool;
    private final HttpClient client;
    private final Scheduler scheduler;
    private final HealthSettings settings;
    private volatile boolean running = true;

    HealthPoller(BackendPool pool, HttpClient client, Scheduler scheduler, HealthSettings settings) {
        this.pool = pool;
        this.client = client;
        this.scheduler = scheduler;
        this.settings = settings;
    }

    /** Starts polling a backend now. */
    void watch(Backend backend) {
        check(backend);
    }

    void stop() {
        running = false;
    }

    private void check(Backend backend) {
        if (!running || backend.state() == BackendState.DRAINING || pool.find(backend.id()).orElse(null) != backend) {
            return;
        }
        BackendSpec spec = backend.spec();
        client.newRequest(spec.uri().getHost(), spec.uri().getPort())
                .scheme("http")
                .path(settings.path())
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .send(result -> {
                    boolean passed = result.isSucceeded() && result.getResponse().getStatus() / 100 == 2;
                    String detail = result.isSucceeded()
                            ? "status " + result.getResponse().getStatus()
                            : result.getFailure().getClass().getSimpleName() + " " + result.getFailure().getMessage();
                    pool.fire(backend.onCheck(passed, detail, settings, pool.clock().instant()));
                    if (running) {
                        scheduler.schedule(() -> check(backend), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
                    }
                });
    }
}
