package dev.tuesday.release.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * One canary step: the new version gets {@code weight} percent of the traffic for {@code pause},
 * then the analysis decides.
 *
 * @param weight percent of requests sent to the canary, 1 to 100
 * @param pause  how long the step lasts before the analysis; the analysis window
 */
public record CanaryStep(int weight, Duration pause) {
    /** Checks the fields. */
    public CanaryStep {
        Objects.requireNonNull(pause, "pause");
        if (weight < 1 || weight > 100) {
            throw new IllegalArgumentException("weight must be a percentage between 1 and 100, not " + weight);
        }
        if (pause.isNegative() || pause.isZero()) {
            throw new IllegalArgumentException("pause must be positive, not " + pause);
        }
    }
}
