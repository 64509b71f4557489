package dev.tuesday.balancer;

/**
 * Where a backend stands in the rotation.
 *
 * <pre>
 *   STARTING --rise successes--> READY --fall failures / N connection failures in a row--> DOWN
 *   DOWN --rise successes--> READY
 *   any --drain()--> DRAINING (terminal until the backend is removed)
 * </pre>
 *
 * Only {@link #READY} backends receive new requests.
 */
public enum BackendState {
    /** Added, but has not yet passed {@code rise} readiness checks in a row. */
    STARTING,
    /** Passed its readiness checks; receives requests in proportion to its weight. */
    READY,
    /** Leaving rotation: receives nothing new while its in-flight requests finish. */
    DRAINING,
    /** Failed {@code fall} readiness checks in a row, or connections to it failed N times in a row. */
    DOWN;

    /** Lower-case name, as used in JSON, YAML and metrics labels. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
