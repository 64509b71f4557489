package dev.tuesday.release;

import dev.tuesday.common.Durations;
import java.time.Duration;

/**
 * One step of the roll phase, as a strategy plans it before anything runs: the plan can be
 * printed ({@code --dry-run}) and tested without processes.
 */
sealed interface RolloutStep {

    /** One line for dry runs. */
    String describe();

    /** Start {@code count} new instances with {@code weight} each, wait until each is ready and in rotation. */
    record StartNew(int count, int weight) implements RolloutStep {
        @Override
        public String describe() {
            return "start " + count + " new instance" + (count == 1 ? "" : "s") + " (weight " + weight
                    + "), wait until ready and in rotation";
        }
    }

    /** Drain {@code count} old instances in the balancer, then stop them. */
    record StopOld(int count) implements RolloutStep {
        @Override
        public String describe() {
            return "drain and stop " + count + " old instance" + (count == 1 ? "" : "s");
        }
    }

    /** Give the new version {@code percent} of the traffic and the old one the rest. */
    record ShiftTraffic(int percent) implements RolloutStep {
        @Override
        public String describe() {
            return percent == 100 ? "switch all traffic to the new version" : "send " + percent + "% of traffic to the new version";
        }
    }

    /** Wait, watching for crashes and abort requests. */
    record Hold(Duration duration, String why) implements RolloutStep {
        @Override
        public String describe() {
            return "wait " + Durations.format(duration) + " (" + why + ")";
        }
    }

    /**
     * Wait {@code unjudged} (the canary warming up: its requests are not judged), then for the
     * step's window, then compare the canary with the baseline over the window; a failure aborts.
     */
    record Analyse(int step, int weight, Duration unjudged, Duration window) implements RolloutStep {
        @Override
        public String describe() {
            return (unjudged.isZero() ? "" : "wait " + Durations.format(unjudged) + " (the canary warms up, not judged), ")
                    + "observe " + Durations.format(window) + ", then compare canary with baseline (error rate, p99)";
        }
    }
}
