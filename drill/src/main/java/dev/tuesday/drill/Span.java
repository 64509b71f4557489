package dev.tuesday.drill;

import java.time.Instant;
import java.util.Objects;

/**
 * A named span of a drill run marked by the caller — typically a release phase such as {@code expand}, {@code roll} or
 * {@code contract}; the report shades it on the timeline.
 *
 * @param name  what happened during the span, shown in the report
 * @param start when it began
 * @param end   when it ended, not before {@code start}
 */
public record Span(String name, Instant start, Instant end) {

    /** Checks the fields: a non-blank name and {@code end} not before {@code start}. */
    public Span {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (name.isBlank()) {
            throw new IllegalArgumentException("span name is blank");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("span '" + name + "' ends before it starts");
        }
    }
}
