package dev.tuesday.balancer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the balancer polls each backend's readiness endpoint.
 *
 * <p>A check passes when the endpoint answers 2xx within {@code timeout}. A starting or down backend
 * becomes ready after {@code rise} passes in a row; a ready backend goes down after {@code fall}
 * failures in a row. Connection failures while proxying take a backend down sooner (see
 * {@link BalancerConfig#ejectAfterConnectionFailures()}).
 *
 * @param path     readiness path, default {@code /readyz}
 * @param interval time between two checks of one backend, default 1 s
 * @param timeout  time a check may take, default 1 s
 * @param rise     passes in a row to become ready, default 2
 * @param fall     failures in a row to go down, default 3
 */
public record HealthSettings(String path, Duration interval, Duration timeout, int rise, int fall) {

    /** The defaults: {@code /readyz}, every 1 s, timeout 1 s, rise 2, fall 3. */
    public static final HealthSettings DEFAULTS =
            new HealthSettings("/readyz", Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 3);

    /** Checks every field once; a wrong field fails with a message naming it. */
    public HealthSettings {
        Objects.requireNonNull(path, "health.path");
        Objects.requireNonNull(interval, "health.interval");
        Objects.requireNonNull(timeout, "health.timeout");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("health.path '" + path + "' must start with '/'");
        }
        if (interval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("health.interval " + interval + " must be at least 10ms");
        }
        if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("health.timeout " + timeout + " must be at least 1ms");
        }
        if (rise < 1) {
            throw new IllegalArgumentException("health.rise " + rise + " must be at least 1");
        }
        if (fall < 1) {
            throw new IllegalArgumentException("health.fall " + fall + " must be at least 1");
        }
    }
}
