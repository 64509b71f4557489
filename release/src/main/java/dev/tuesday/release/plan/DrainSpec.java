package dev.tuesday.release.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * How an instance leaves: it is drained in the balancer (nothing new, in-flight requests finish)
 * for at most {@code timeout}, removed, sent SIGTERM, and sent SIGKILL if it has not exited after
 * {@code grace}.
 *
 * @param timeout longest wait for the in-flight requests in the balancer; default 30 s
 * @param grace   time between SIGTERM and SIGKILL; default 30 s
 */
public record DrainSpec(Duration timeout, Duration grace) {

    /** 30 s to drain, 30 s between SIGTERM and SIGKILL. */
    public static final DrainSpec DEFAULTS = new DrainSpec(Duration.ofSeconds(30), Duration.ofSeconds(30));

    /** Checks the fields. */
    public DrainSpec {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(grace, "grace");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, not " + timeout);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative, not " + grace);
        }
    }
}
