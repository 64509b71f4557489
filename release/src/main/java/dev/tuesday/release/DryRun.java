package dev.tuesday.release;

import dev.tuesday.common.Durations;
import dev.tuesday.release.plan.ContractTiming;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.plan.Strategy;
import java.util.ArrayList;
import java.util.List;

/** The phases and steps of a release, printed without running anything. */
final class DryRun {
    private DryRun() {
    }

    static List<String> lines(ReleasePlan plan, String migration) {
        List<String> lines = new ArrayList<>();
        lines.add("release " + plan.name() + ": " + plan.from().version() + " x" + plan.from().instances() + " -> "
                + plan.to().version() + " x" + plan.to().instances() + ", strategy " + describe(plan.strategy()));
        lines.add("1. expand: " + migration);
        lines.add("2. roll (each new instance ready on " + plan.readiness().path() + " within "
                + Durations.format(plan.readiness().deadline()) + ", else abort):");
        int n = 1;
        for (RolloutStep step : StepPlanner.plan(plan.strategy(), plan.from().instances(), plan.to().instances())) {
            lines.add("   2." + n++ + " " + step.describe());
        }
        lines.add(plan.contract() == ContractTiming.AT_END
                ? "3. contract: complete the migration"
                : "3. contract: deferred, run `tuesday release contract` later");
        lines.add("on failure (not ready, crash, failed analysis, `tuesday release abort`): " + plan.from().version()
                + " back to full weight, new instances drained (" + Durations.format(plan.drain().timeout())
                + ") and stopped (SIGTERM, SIGKILL after " + Durations.format(plan.drain().grace())
                + "), migration rolled back");
        return lines;
    }

    private static String describe(Strategy strategy) {
        return switch (strategy) {
            case Strategy.Rolling r -> "rolling (maxSurge " + r.maxSurge() + ", maxUnavailable " + r.maxUnavailable() + ")";
            case Strategy.BlueGreen b -> "blueGreen (keep old " + Durations.format(b.keepOld()) + ")";
            case Strategy.Canary c -> "canary (" + c.instances() + " instance" + (c.instances() == 1 ? "" : "s")
                    + ", " + c.steps().size() + " step" + (c.steps().size() == 1 ? "" : "s") + ")";
        };
    }
}
