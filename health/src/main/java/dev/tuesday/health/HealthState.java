package dev.tuesday.health;

/**
 * Where an instance is in its life. The application moves it from {@link #STARTING} to
 * {@link #READY} with {@link Health#markReady()}; readiness checks move it between {@link #READY}
 * and {@link #NOT_READY}; the drain moves it to {@link #DRAINING} and finally {@link #STOPPED}.
 *
 * <pre>STARTING → READY ⇄ NOT_READY → DRAINING → STOPPED</pre>
 */
public enum HealthState {
    /** Warm-up has not finished: startup and readiness fail, liveness is checked. */
    STARTING,
    /** Every readiness check passed at the last evaluation. */
    READY,
    /** Started, but a readiness check failed at the last evaluation. */
    NOT_READY,
    /** Leaving rotation: readiness fails, requests in flight are being finished. */
    DRAINING,
    /** The drain is over; the server no longer accepts connections. */
    STOPPED;

    /** Whether the instance has finished warming up (every state after {@link #STARTING}). */
    public boolean started() {
        return this != STARTING;
    }

    /** Whether the drain has begun ({@link #DRAINING} or {@link #STOPPED}). */
    public boolean leaving() {
        return this == DRAINING || this == STOPPED;
    }
}
