package dev.tuesday.release.traffic;

import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.BackendState;
import dev.tuesday.balancer.NoSuchBackendException;
import dev.tuesday.balancer.TrafficStats;
import dev.tuesday.release.Abort;
import dev.tuesday.release.AbortReason;
import dev.tuesday.release.ReleaseException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link Traffic} on Tuesday's balancer, in the same JVM. */
public final class BalancerTraffic implements Traffic {
    private final Balancer balancer;

    private BalancerTraffic(Balancer balancer) {
        this.balancer = Objects.requireNonNull(balancer, "balancer");
    }

    /** A release's view of {@code balancer}. */
    public static BalancerTraffic of(Balancer balancer) {
        return new BalancerTraffic(balancer);
    }

    @Override
    public void add(String id, URI uri, String version, int weight) {
        balancer.addBackend(id, uri, version, weight);
    }

    @Override
    public void setWeight(String id, int weight) {
        balancer.setWeight(id, weight);
    }

    @Override
    public boolean inRotation(String id) {
        try {
            return balancer.backend(id).state() != BackendState.DRAINING;
        } catch (NoSuchBackendException e) {
            return false;
        }
    }

    @Override
    public boolean isReady(String id) {
        try {
            return balancer.backend(id).state() == BackendState.READY;
        } catch (NoSuchBackendException e) {
            return false;
        }
    }

    /**
     * Drains and removes the backend. When its requests are still in flight after {@code timeout},
     * it is left draining (it receives nothing new) and the balancer forgets it once they end.
     */
    @Override
    public void drainAndRemove(String id, Duration timeout) {
        try {
            balancer.removeBackend(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (NoSuchBackendException e) {
            // Already gone: nothing to drain.
        } catch (TimeoutException e) {
            // Still draining; the instance's own drain on SIGTERM covers the requests left.
        } catch (ExecutionException e) {
            throw new ReleaseException("cannot drain " + id + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abort(new AbortReason.Requested());
        }
    }

    @Override
    public VersionCounters counters(String version) {
        TrafficStats stats = balancer.metrics().byVersion().get(version);
        if (stats == null) {
            return VersionCounters.empty();
        }
        return VersionCounters.of(stats);
    }
}
