package dev.tuesday.release;

import java.time.Duration;

/** Sleeps between two polls; an interrupt is taken as a request to abort. */
public final class Pause {
    private Pause() {
    }

    /** Sleeps {@code duration} (at least 1 ms); throws {@link Abort} when interrupted. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abort(new AbortReason.Requested());
        }
    }
}
