package dev.tuesday.drill;

import java.util.Objects;

/**
 * A drill result under the name the report and the JSON summary give it, such as
 * {@code tuesday} or {@code naive}.
 *
 * @param name   a short label, unique within one report
 * @param result what the drill measured
 */
public record NamedRun(String name, DrillResult result) {

    /** Checks the fields. */
    public NamedRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        if (name.isBlank()) {
            throw new IllegalArgumentException("run name is blank");
        }
    }
}
