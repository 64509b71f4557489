package dev.tuesday.release;

/**
 * Unwinds a running roll to its rollback, carrying the reason. Public only for the traffic
 * adapters, which throw it when their thread is interrupted; the rollout catches it.
 */
public final class Abort extends RuntimeException {
    private final transient AbortReason reason;

    /** @param reason why the roll backs out */
    public Abort(AbortReason reason) {
        super(reason.describe(), null, false, false);
        this.reason = reason;
    }

    AbortReason reason() {
        return reason;
    }
}
