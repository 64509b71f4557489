package dev.tuesday.release.traffic;

import dev.tuesday.balancer.AdminApiException;
import dev.tuesday.balancer.AdminClient;
import dev.tuesday.balancer.BackendSpec;
import dev.tuesday.balancer.BackendState;
import dev.tuesday.balancer.BackendView;
import dev.tuesday.balancer.NoSuchBackendException;
import dev.tuesday.balancer.TrafficStats;
import dev.tuesday.release.Abort;
import dev.tuesday.release.AbortReason;
import dev.tuesday.release.Pause;
import dev.tuesday.release.ReleaseException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link Traffic} on a balancer running in another process ({@code tuesday balancer}), through its
 * admin API on loopback with its bearer token ({@link AdminClient}).
 *
 * <p>The admin API gives each version's counters with their latency histogram, so a canary
 * window's p99 and error rate are exact, as with an in-process balancer ({@link BalancerTraffic}).
 */
public final class AdminApiTraffic implements Traffic {
    private final AdminClient admin;

    /**
     * @param admin the admin API's base address, for example {@code http://127.0.0.1:8081}
     * @param token its bearer token
     */
    public AdminApiTraffic(URI admin, String token) {
        this.admin = AdminClient.of(admin, token);
    }

    /** Every backend of the balancer now. */
    public List<BackendView> backends() {
        return call(admin::backends);
    }

    @Override
    public void add(String id, URI uri, String version, int weight) {
        call(() -> admin.addBackend(new BackendSpec(id, uri, version, weight)));
    }

    @Override
    public void setWeight(String id, int weight) {
        call(() -> admin.setWeight(id, weight));
    }

    @Override
    public boolean inRotation(String id) {
        return backend(id).filter(b -> b.state() != BackendState.DRAINING).isPresent();
    }

    @Override
    public boolean isReady(String id) {
        return backend(id).filter(b -> b.state() == BackendState.READY).isPresent();
    }

    /**
     * Drains and removes the backend, and returns once the balancer forgot it or {@code timeout}
     * passed (then it is left draining: it receives nothing new, and goes once its requests end).
     */
    @Override
    public void drainAndRemove(String id, Duration timeout) {
        try {
            call(() -> {
                admin.removeBackend(id);
                return null;
            });
        } catch (NoSuchBackendException e) {
            return; // Already gone: nothing to drain.
        }
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until && backend(id).isPresent()) {
            Pause.sleep(Duration.ofMillis(100));
        }
    }

    @Override
    public VersionCounters counters(String version) {
        TrafficStats traffic = call(admin::versions).get(version);
        return traffic == null ? VersionCounters.empty() : VersionCounters.of(traffic);
    }

    private Optional<BackendView> backend(String id) {
        return backends().stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /**
     * One call to the admin API; its failures as the release's: a balancer that did not answer is
     * {@link TrafficUnreachable} (a release backing out goes on without it), one that refused the
     * call a {@link ReleaseException}.
     */
    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (AdminApiException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw new Abort(new AbortReason.Requested());
            }
            if (e.status().isEmpty()) {
                throw new TrafficUnreachable(e.getMessage(), e);
            }
            throw new ReleaseException(e.getMessage(), e);
        }
    }
}
