package dev.tuesday.drill;

import java.time.Instant;
import java.util.Objects;

/**
 * A named stretch of a drill run marked by the caller, such as {@code expand}, {@code roll} or
 * {@code contract}; the report shades it on the timeline.
 *
 * @param name  what happened during the phase, shown in the report
 * @param start when it began
 * @param end   when it ended, not before {@code start}
 */
public record Phase(String name, Instant start, Instant end) {

    /** Checks the fields: a non-blank name and {@code end} not before {@code start}. */
    public Phase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (name.isBlank()) {
            throw new IllegalArgumentException("phase name is blank");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("phase '" + name + "' ends before it starts");
        }
    }
}
