package dev.tuesday.balancer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The set of backends, the choice of the next one, and the state-change events.
 * Reads (picking a backend, snapshots) never block on changes; changes are rare and copy the list.
 */
final class BackendPool {
    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);

    private final CopyOnWriteArrayList<Backend> backends = new CopyOnWriteArrayList<>();
    private final Map<String, TrafficRecorder> versions = new ConcurrentHashMap<>();
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final Function<BackendSpec, Upstream> upstreams;
    private final Clock clock;
    private final int ejectAfter;
    private final Object pickLock = new Object();

    BackendPool(Function<BackendSpec, Upstream> upstreams, Clock clock, int ejectAfter) {
        this.upstreams = upstreams;
        this.clock = clock;
        this.ejectAfter = ejectAfter;
    }

    Clock clock() {
        return clock;
    }

    void addListener(BackendListener listener) {
        listeners.add(listener);
    }

    void removeListener(BackendListener listener) {
        listeners.remove(listener);
    }

    synchronized Backend add(BackendSpec spec) {
        if (find(spec.id()).isPresent()) {
            throw new DuplicateBackendException(spec.id());
        }
        TrafficRecorder versionTraffic = versions.computeIfAbsent(spec.version(), v -> new TrafficRecorder());
        Backend backend = new Backend(spec, upstreams.apply(spec), versionTraffic);
        backends.add(backend);
        fire(new StateChange(spec.id(), spec.version(), null, BackendState.STARTING, "added", clock.instant()));
        return backend;
    }

    /** Forgets a backend (the caller drained it first). */
    synchronized void forget(Backend backend) {
        if (backends.remove(backend)) {
            fire(new StateChange(backend.id(), backend.spec().version(), backend.state(), null, "removed", clock.instant()));
        }
    }

    Optional<Backend> find(String id) {
        for (Backend backend : backends) {
            if (backend.id().equals(id)) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }

    Backend get(String id) {
        return find(id).orElseThrow(() -> new NoSuchBackendException(id));
    }

    List<Backend> all() {
        return List.copyOf(backends);
    }

    /**
     * Picks a ready backend not in {@code tried} and counts a request in flight on it, or returns
     * {@code null} when there is none.
     */
    Backend acquire(List<Backend> tried) {
        // A backend picked here may start draining before tryAcquire; it is then no longer ready
        // and the next pick skips it, so this loop ends within the number of backends.
        for (int attempt = 0; attempt <= backends.size(); attempt++) {
            Backend picked = pick(tried);
            if (picked == null) {
                return null;
            }
            if (picked.tryAcquire()) {
                return picked;
            }
        }
        return null;
    }

    /**
     * The next ready backend not in {@code tried}, by smooth weighted round-robin. With a single
     * candidate there is nothing to choose and its score would not move (it gains its weight and
     * loses the same total), so the lock, which both event loops take on every request, is skipped.
     */
    private Backend pick(List<Backend> tried) {
        Backend only = null;
        int candidates = 0;
        for (Backend backend : backends) {
            if (isCandidate(backend, tried)) {
                only = backend;
                candidates++;
            }
        }
        if (candidates <= 1) {
            return only;
        }
        synchronized (pickLock) {
            return SmoothWeightedRoundRobin.pick(backends, b -> isCandidate(b, tried));
        }
    }

    private static boolean isCandidate(Backend backend, List<Backend> tried) {
        return backend.weight() > 0 && backend.state() == BackendState.READY && !tried.contains(backend);
    }

    /**
     * Counts a connection failure on {@code backend} and takes it out of rotation once it has
     * failed {@code ejectAfter} times in a row, unless it is the last ready backend: ejecting that
     * one would turn every request into a 503, even when the failures were a keep-alive race.
     * Its readiness checks take it down if it is really gone.
     */
    void connectionFailed(Backend backend, String reason) {
        StateChange change = null;
        // One decision at a time: two backends failing together must not each see the other still ready.
        synchronized (this) {
            int inARow = backend.recordConnectionFailure();
            if (inARow >= ejectAfter && anotherReady(backend)) {
                change = backend.eject(reason + " (" + inARow + " in a row)", clock.instant());
            }
        }
        fire(change);
    }

    private boolean anotherReady(Backend backend) {
        for (Backend other : backends) {
            if (other != backend && other.state() == BackendState.READY) {
                return true;
            }
        }
        return false;
    }

    void setWeight(String id, int weight) {
        Backend backend = get(id);
        new BackendSpec(id, backend.spec().uri(), backend.spec().version(), weight); // validates
        synchronized (pickLock) {
            backend.weight(weight);
        }
    }

    void fire(StateChange change) {
        if (change == null) {
            return;
        }
        LOG.info("backend {} ({}): {} -> {} ({})", change.backendId(), change.version(),
                change.from() == null ? "-" : change.from().label(), change.to() == null ? "removed" : change.to().label(),
                change.reason());
        for (BackendListener listener : listeners) {
            try {
                listener.onStateChange(change);
            } catch (RuntimeException e) {
                // One faulty listener must not stop the others nor the state machine.
                LOG.warn("backend listener {} failed on {}", listener, change, e);
            }
        }
    }

    Map<String, TrafficStats> byVersion() {
        Map<String, TrafficStats> result = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(versions.keySet());
        names.sort(null);
        for (String name : names) {
            result.put(name, versions.get(name).snapshot());
        }
        return result;
    }
}
