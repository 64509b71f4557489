package dev.tuesday.balancer;

/**
 * A backend as seen at one moment.
 *
 * @param spec     id, address, version and current weight
 * @param state    its state
 * @param inFlight requests sent to it that have not completed
 * @param traffic  its counters
 */
public record BackendView(BackendSpec spec, BackendState state, int inFlight, TrafficStats traffic) {
    /** The backend's id. */
    public String id() {
        return spec.id();
    }
}
