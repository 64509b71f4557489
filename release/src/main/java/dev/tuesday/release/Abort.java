package dev.tuesday.release;

/** Unwinds a running roll to its rollback, carrying the reason; never leaves the package. */
final class Abort extends RuntimeException {
    private final transient AbortReason reason;

    Abort(AbortReason reason) {
        super(reason.describe(), null, false, false);
        this.reason = reason;
    }

    AbortReason reason() {
        return reason;
    }
}
