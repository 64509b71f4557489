package dev.tuesday.balancer;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One backend at run time: its state machine, its in-flight count and its counters.
 *
 * <p>In-flight counting follows Jetty's graceful handler: {@link #tryAcquire()} increments the count
 * <em>before</em> reading the state, and {@link #drain} sets the state before reading the count, so
 * a request can never slip onto a backend after its drain saw zero requests in flight. The count is
 * a {@link LongAdder}, as there: every event loop counts every request, and one shared counter
 * would make the loops' cores take turns owning it.
 */
final class Backend implements SmoothWeightedRoundRobin.Candidate {
    private volatile BackendSpec spec;
    private volatile BackendState state = BackendState.STARTING;
    private final LongAdder inFlight = new LongAdder();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final TrafficRecorder traffic = new TrafficRecorder();
    private final TrafficRecorder versionTraffic;
    private final Upstream upstream;
    private final AtomicInteger connectionFailuresInARow = new AtomicInteger();
    private int passes;
    private int failures;
    private long score;

    Backend(BackendSpec spec, Upstream upstream, TrafficRecorder versionTraffic) {
        this.spec = spec;
        this.upstream = upstream;
        this.versionTraffic = versionTraffic;
    }

    BackendSpec spec() {
        return spec;
    }

    String id() {
        return spec.id();
    }

    BackendState state() {
        return state;
    }

    Upstream upstream() {
        return upstream;
    }

    int inFlight() {
        return (int) inFlight.sum();
    }

    /** Completes once the backend is draining and has nothing in flight. */
    CompletableFuture<Void> drained() {
        return drained;
    }

    @Override
    public int weight() {
        return spec.weight();
    }

    @Override
    public long score() {
        return score;
    }

    @Override
    public void score(long score) {
        this.score = score;
    }

    void weight(int weight) {
        spec = spec.withWeight(weight);
    }

    /** Counts a request in flight if the backend takes new requests; {@code false} otherwise. */
    boolean tryAcquire() {
        inFlight.increment();
        if (state == BackendState.READY) {
            traffic.request();
            versionTraffic.request();
            return true;
        }
        release();
        return false;
    }

    /** A request in flight has completed. */
    void release() {
        inFlight.decrement();
        if (state == BackendState.DRAINING && inFlight.sum() == 0) {
            drained.complete(null);
        }
    }

    void recordResponse(int status, long elapsedNanos) {
        if (connectionFailuresInARow.get() != 0) { // read first: a write on every response would bounce the line between cores
            connectionFailuresInARow.set(0);
        }
        traffic.response(status, elapsedNanos);
        versionTraffic.response(status, elapsedNanos);
    }

    /** Counts a connection failure; returns how many there have been in a row since the last response. */
    int recordConnectionFailure() {
        traffic.connectionFailure();
        versionTraffic.connectionFailure();
        return connectionFailuresInARow.incrementAndGet();
    }

    void recordTimeout() {
        traffic.timeout();
        versionTraffic.timeout();
    }

    TrafficStats traffic() {
        return traffic.snapshot();
    }

    BackendView view() {
        return new BackendView(spec, state, inFlight(), traffic.snapshot());
    }

    /** Applies one readiness check result; returns the change it caused, or {@code null}. */
    synchronized StateChange onCheck(boolean passed, String detail, HealthSettings health, Instant now) {
        if (state == BackendState.DRAINING) {
            return null;
        }
        if (passed) {
            failures = 0;
            passes++;
            if (state != BackendState.READY && passes >= health.rise()) {
                return moveTo(BackendState.READY, "readiness passed " + passes + " in a row", now);
            }
        } else {
            passes = 0;
            failures++;
            if (state == BackendState.READY && failures >= health.fall()) {
                return moveTo(BackendState.DOWN, "readiness failed " + failures + " in a row: " + detail, now);
            }
        }
        return null;
    }

    /** Takes a ready backend out of rotation at once; returns the change, or {@code null}. */
    synchronized StateChange eject(String reason, Instant now) {
        passes = 0;
        if (state != BackendState.READY) {
            return null;
        }
        connectionFailuresInARow.set(0);
        return moveTo(BackendState.DOWN, reason, now);
    }

    /** Stops new requests; {@link #drained()} completes when nothing is left in flight. */
    synchronized StateChange drain(String reason, Instant now) {
        if (state == BackendState.DRAINING) {
            return null;
        }
        StateChange change = moveTo(BackendState.DRAINING, reason, now);
        if (inFlight.sum() == 0) {
            drained.complete(null);
        }
        return change;
    }

    private StateChange moveTo(BackendState next, String reason, Instant now) {
        BackendState previous = state;
        state = next;
        return new StateChange(spec.id(), spec.version(), previous, next, reason, now);
    }
}
