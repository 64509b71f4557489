package dev.tuesday.release.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How traffic moves from the old version's instances to the new one's. Every strategy only puts
 * an instance in rotation once it is ready, and stops old instances by draining them first.
 */
public sealed interface Strategy permits Strategy.Rolling, Strategy.BlueGreen, Strategy.Canary {

    /** The name used in plan files: {@code rolling}, {@code blueGreen} or {@code canary}. */
    String name();

    /**
     * Replaces instances a few at a time, like a Kubernetes rolling update: never more than
     * {@code instances + maxSurge} running, never fewer than {@code instances - maxUnavailable} ready.
     *
     * @param maxSurge       extra new instances started before old ones stop; default 1
     * @param maxUnavailable old instances that may stop before their replacement is ready; default 0
     */
    record Rolling(int maxSurge, int maxUnavailable) implements Strategy {
        /** One extra instance at a time, none unavailable. */
        public static final Rolling DEFAULTS = new Rolling(1, 0);

        /** Checks the bounds: at least one of the two must allow progress. */
        public Rolling {
            if (maxSurge < 0) {
                throw new IllegalArgumentException("maxSurge must be at least 0, not " + maxSurge);
            }
            if (maxUnavailable < 0) {
                throw new IllegalArgumentException("maxUnavailable must be at least 0, not " + maxUnavailable);
            }
            if (maxSurge + maxUnavailable == 0) {
                throw new IllegalArgumentException("maxSurge and maxUnavailable cannot both be 0: the rollout could never progress");
            }
        }

        @Override
        public String name() {
            return "rolling";
        }
    }

    /**
     * Starts every new instance beside the old ones (weight 0), switches all traffic once every new
     * instance is ready, keeps the old ones idle for {@code keepOld} so a rollback is instant, then
     * drains and stops them.
     *
     * @param keepOld how long the old instances stay after the switch; default 10 s
     */
    record BlueGreen(Duration keepOld) implements Strategy {
        /** Keep the old instances 10 s. */
        public static final BlueGreen DEFAULTS = new BlueGreen(Duration.ofSeconds(10));

        /** Checks the duration. */
        public BlueGreen {
            Objects.requireNonNull(keepOld, "keepOld");
            if (keepOld.isNegative()) {
                throw new IllegalArgumentException("keepOld must not be negative, not " + keepOld);
            }
        }

        @Override
        public String name() {
            return "blueGreen";
        }
    }

    /**
     * Starts {@code instances} canary instances of the new version and gives them a growing share
     * of traffic, one step at a time; after each step's pause the canary is compared with the
     * baseline (the old version over the same window) and a failed comparison aborts the release.
     * After the last step the remaining new instances start and the old ones are drained.
     *
     * @param instances canary instances; default 1
     * @param steps     the weights and pauses, in order; at least one
     * @param analysis  the thresholds of the comparison
     */
    record Canary(int instances, List<CanaryStep> steps, CanaryAnalysis analysis) implements Strategy {
        /** Checks the fields. */
        public Canary {
            steps = List.copyOf(steps);
            Objects.requireNonNull(analysis, "analysis");
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be at least 1, not " + instances);
            }
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("steps must hold at least one step");
            }
        }

        @Override
        public String name() {
            return "canary";
        }
    }
}
