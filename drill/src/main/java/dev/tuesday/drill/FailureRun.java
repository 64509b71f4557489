package dev.tuesday.drill;

import java.time.Duration;
import java.util.Objects;

/**
 * The longest run of consecutive failed requests, in the order they were scheduled.
 *
 * @param count    how many requests in a row failed; 0 when none failed
 * @param duration the time between the scheduled sends of the first and the last of them, plus
 *                 one send interval (so one failed request lasts one interval)
 * @param startOffset when the run began, counted from the start of the drill
 */
public record FailureRun(long count, Duration duration, Duration startOffset) {

    /** No failure at all. */
    public static final FailureRun NONE = new FailureRun(0, Duration.ZERO, Duration.ZERO);

    /** Checks the fields. */
    public FailureRun {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(startOffset, "startOffset");
        if (count < 0) {
            throw new IllegalArgumentException("count < 0");
        }
    }
}
