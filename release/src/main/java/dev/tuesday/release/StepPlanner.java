package dev.tuesday.release;

import dev.tuesday.release.plan.CanaryStep;
import dev.tuesday.release.plan.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a strategy and the instance counts into the steps of the roll phase: pure logic. */
final class StepPlanner {
    /** The weight of an instance that takes its full share. */
    static final int FULL_WEIGHT = 100;

    private StepPlanner() {
    }

    static List<RolloutStep> plan(Strategy strategy, int oldCount, int newCount) {
        return switch (strategy) {
            case Strategy.Rolling rolling -> rolling(rolling, oldCount, newCount);
            case Strategy.BlueGreen blueGreen -> List.of(
                    new RolloutStep.StartNew(newCount, 0),
                    new RolloutStep.ShiftTraffic(100),
                    new RolloutStep.Hold(blueGreen.keepOld(), "old instances kept idle for an instant rollback"),
                    new RolloutStep.StopOld(oldCount));
            case Strategy.Canary canary -> canary(canary, oldCount, newCount);
        };
    }

    /**
     * Kubernetes' rule, one batch at a time: start as many new instances as the surge allows, and
     * once they are ready stop as many old ones as keeps {@code newCount - maxUnavailable} ready.
     */
    private static List<RolloutStep> rolling(Strategy.Rolling rolling, int oldCount, int newCount) {
        List<RolloutStep> steps = new ArrayList<>();
        int old = oldCount;
        int fresh = 0;
        int floor = Math.max(0, newCount - rolling.maxUnavailable());
        while (fresh < newCount || old > 0) {
            int start = Math.min(newCount - fresh, Math.max(0, newCount + rolling.maxSurge() - old - fresh));
            if (start > 0) {
                steps.add(new RolloutStep.StartNew(start, FULL_WEIGHT));
                fresh += start;
            }
            int stop = Math.min(old, old + fresh - floor);
            if (stop > 0) {
                steps.add(new RolloutStep.StopOld(stop));
                old -= stop;
            }
            if (start == 0 && stop <= 0) {
                throw new IllegalStateException("rolling update cannot progress with maxSurge " + rolling.maxSurge()
                        + " and maxUnavailable " + rolling.maxUnavailable());
            }
        }
        return steps;
    }

    private static List<RolloutStep> canary(Strategy.Canary canary, int oldCount, int newCount) {
        List<RolloutStep> steps = new ArrayList<>();
        steps.add(new RolloutStep.StartNew(canary.instances(), 0));
        for (int i = 0; i < canary.steps().size(); i++) {
            CanaryStep step = canary.steps().get(i);
            steps.add(new RolloutStep.ShiftTraffic(step.weight()));
            Duration unjudged = i == 0 ? canary.analysis().initialDelay() : Duration.ZERO;
            steps.add(new RolloutStep.Analyse(i, step.weight(), unjudged, step.pause()));
        }
        if (newCount > canary.instances()) {
            steps.add(new RolloutStep.StartNew(newCount - canary.instances(), 0));
        }
        steps.add(new RolloutStep.ShiftTraffic(100));
        steps.add(new RolloutStep.StopOld(oldCount));
        return steps;
    }

    /**
     * Per-instance weights that give the new version {@code percent} of the traffic: each side's
     * share is split evenly among its instances, and never rounds a side with a share down to 0.
     *
     * @return {old instance weight, new instance weight}
     */
    static int[] split(int percent, int oldCount, int newCount) {
        if (percent >= 100 || oldCount == 0) {
            return new int[] {0, FULL_WEIGHT};
        }
        if (percent <= 0 || newCount == 0) {
            return new int[] {FULL_WEIGHT, 0};
        }
        // Scale so that one percent point of one instance stays an integer: 100 * count * count is
        // well within BackendSpec.MAX_WEIGHT for any realistic fleet.
        int scale = FULL_WEIGHT;
        int oldWeight = Math.max(1, Math.round((100 - percent) * (float) scale * newCount / 100f));
        int newWeight = Math.max(1, Math.round(percent * (float) scale * oldCount / 100f));
        return new int[] {oldWeight, newWeight};
    }
}
