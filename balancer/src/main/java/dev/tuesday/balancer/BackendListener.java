package dev.tuesday.balancer;

/**
 * Told about every backend state change. Called on the thread that made the change (a health
 * check, a failed request, an API call): return quickly and do not block.
 */
@FunctionalInterface
public interface BackendListener {
    /** One backend changed state. */
    void onStateChange(StateChange change);
}
