package dev.tuesday.health;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one named check within a probe answer.
 *
 * @param name the name the check was registered under
 * @param result pass or fail, with its text
 * @param took how long the check ran (up to its timeout when it overran)
 */
public record CheckOutcome(String name, CheckResult result, Duration took) {

    /** Validates the fields. */
    public CheckOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(took, "took");
    }

    /** Whether the check passed. */
    public boolean passed() {
        return result.passed();
    }
}
