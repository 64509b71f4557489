package dev.tuesday.release.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds a canary must meet at the end of each step, measured over the step's window and
 * compared with the baseline (the old version) over the same window.
 *
 * <p>A step fails when the canary's error rate (5xx, connection failures and timeouts over
 * requests) exceeds the baseline's by more than {@code maxErrorRateIncrease}, when its p99 exceeds
 * {@code maxLatencyRatio} times the baseline's p99 plus {@code latencyMargin} (the margin keeps a
 * 2 ms vs 3 ms difference from failing a release), or when it received fewer than
 * {@code minRequests} requests: too little data is not a pass.
 *
 * <p>A new JVM's first requests are its slowest (class loading, the JIT warming up): judged on
 * them, a healthy canary's p99 can be many times a warm baseline's. {@code initialDelay} is the
 * time the first step runs before its window opens; what the canary serves then is not judged
 * (Argo Rollouts' analysis has the same setting).
 *
 * @param maxErrorRateIncrease allowed error-rate excess over the baseline, 0 to 1; default 0.01
 * @param maxLatencyRatio      allowed p99 ratio canary / baseline; default 1.5
 * @param latencyMargin        added to the allowed p99; default 50 ms
 * @param minRequests          requests the canary must receive in the window; default 20
 * @param initialDelay         time the first step runs, at its weight, before its window opens;
 *                             default 0
 */
public record CanaryAnalysis(double maxErrorRateIncrease, double maxLatencyRatio, Duration latencyMargin, long minRequests,
                             Duration initialDelay) {

    /** 1 percentage point of errors, 1.5× the baseline's p99 + 50 ms, at least 20 requests, no initial delay. */
    public static final CanaryAnalysis DEFAULTS = new CanaryAnalysis(0.01, 1.5, Duration.ofMillis(50), 20, Duration.ZERO);

    /** Checks the fields. */
    public CanaryAnalysis {
        Objects.requireNonNull(latencyMargin, "latencyMargin");
        Objects.requireNonNull(initialDelay, "initialDelay");
        if (!(maxErrorRateIncrease >= 0 && maxErrorRateIncrease <= 1)) {
            throw new IllegalArgumentException("maxErrorRateIncrease must be between 0 and 1, not " + maxErrorRateIncrease);
        }
        if (!(maxLatencyRatio >= 1)) {
            throw new IllegalArgumentException("maxLatencyRatio must be at least 1, not " + maxLatencyRatio);
        }
        if (latencyMargin.isNegative()) {
            throw new IllegalArgumentException("latencyMargin must not be negative, not " + latencyMargin);
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("initialDelay must not be negative, not " + initialDelay);
        }
        if (minRequests < 0) {
            throw new IllegalArgumentException("minRequests must be at least 0, not " + minRequests);
        }
    }
}
