package dev.tuesday.release.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * When a new instance counts as ready.
 *
 * @param path     the instance's readiness endpoint, answered 2xx when ready; default {@code /readyz}
 * @param deadline time from the start of an instance to its first place in rotation; past it the
 *                 release aborts; default 60 s
 * @param poll     how often the endpoint is asked; default 250 ms
 */
public record ReadinessSpec(String path, Duration deadline, Duration poll) {

    /** {@code /readyz}, 60 s, every 250 ms. */
    public static final ReadinessSpec DEFAULTS = new ReadinessSpec("/readyz", Duration.ofSeconds(60), Duration.ofMillis(250));

    /** Checks the fields. */
    public ReadinessSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(poll, "poll");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "' must start with '/'");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, not " + deadline);
        }
        if (poll.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("poll must be at least 10ms, not " + poll);
        }
    }
}
