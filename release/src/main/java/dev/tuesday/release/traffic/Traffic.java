package dev.tuesday.release.traffic;

import java.net.URI;
import java.time.Duration;

/**
 * What a release needs from the balancer in front of the instances. {@link BalancerTraffic}
 * adapts Tuesday's balancer; tests use fakes.
 *
 * <p>Weights are relative shares among ready backends; a backend of weight 0 stays known (and its
 * readiness polled) but receives nothing.
 */
public interface Traffic {

    /** Puts a backend in the balancer; it receives requests once the balancer finds it ready. */
    void add(String id, URI uri, String version, int weight);

    /** Changes a backend's share of traffic. */
    void setWeight(String id, int weight);

    /** Whether the balancer has this backend in rotation: it knows it and is not draining it. */
    boolean inRotation(String id);

    /** Whether the balancer currently sends requests to this backend (it passed its readiness checks). */
    boolean isReady(String id);

    /**
     * Takes a backend out of rotation: nothing new is sent to it, and this returns once its
     * in-flight requests finished or {@code timeout} passed; then the backend is removed.
     */
    void drainAndRemove(String id, Duration timeout);

    /** Counters of every request sent to backends of {@code version} since the balancer started. */
    VersionCounters counters(String version);
}
