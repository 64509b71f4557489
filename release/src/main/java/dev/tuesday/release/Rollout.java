package dev.tuesday.release;

import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.plan.ContractTiming;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.plan.Strategy;
import dev.tuesday.release.traffic.TrafficUnreachable;
import dev.tuesday.release.traffic.VersionCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one release: expand, the strategy's steps, contract — or, on the first failure, the way
 * back (old version serving, new instances stopped, migration rolled back).
 *
 * <p>Every wait is a loop of short sleeps ({@code readiness.poll}) that checks for an abort
 * request and for new instances that died, so the release notices either within one poll.
 * The rollback puts the old version back in full rotation <em>before</em> it takes the new
 * instances out, so requests always have somewhere to go.
 *
 * <p>New instances die with the release's process until they are handed over, just before the
 * first step that leaves the old version without traffic: from there on, a release that dies
 * leaves a version serving either way, and its recovery drains what it has to.
 */
final class Rollout {
    private final ReleasePlan plan;
    private final Fleet fleet;
    private final SchemaChange change;
    private final ReleaseListener listener;
    private final Clock clock;
    private final BooleanSupplier abortRequested;
    private final Consumer<Phase> onPhase;
    private final List<AnalysisVerdict> verdicts = new ArrayList<>();
    private boolean expanded;

    Rollout(ReleasePlan plan, Fleet fleet, SchemaChange change, ReleaseListener listener, Clock clock,
            BooleanSupplier abortRequested, Consumer<Phase> onPhase) {
        this.plan = plan;
        this.fleet = fleet;
        this.change = change;
        this.listener = listener;
        this.clock = clock;
        this.abortRequested = abortRequested;
        this.onPhase = onPhase;
    }

    ReleaseOutcome run() {
        try {
            phase(Phase.EXPAND, change.describe());
            checkpoint();
            runStep("expand", change::expand);
            expanded = true;
            List<RolloutStep> steps = StepPlanner.plan(plan.strategy(), fleet.old().size(), plan.to().instances());
            phase(Phase.ROLL, plan.strategy().name() + ": " + plan.from().version() + " x" + fleet.old().size()
                    + " -> " + plan.to().version() + " x" + plan.to().instances());
            for (RolloutStep step : steps) {
                checkpoint();
                if (leavesOldWithoutTraffic(step)) {
                    fleet.handOver(fleet.fresh());
                }
                runStep(step.describe(), () -> execute(step));
            }
            fleet.handOver(fleet.fresh());
        } catch (Abort abort) {
            return rollBack(abort.reason());
        }
        if (plan.contract() == ContractTiming.DEFERRED) {
            phase(Phase.CONTRACT_PENDING, "contract deferred: run `tuesday release contract` once ready");
            return new ReleaseOutcome.Completed(false);
        }
        return contract();
    }

    private ReleaseOutcome contract() {
        phase(Phase.CONTRACT, "complete: " + change.describe());
        try {
            change.contract();
        } catch (RuntimeException e) {
            // The old instances are gone: rolling the migration back now would break the new ones.
            // The contract stays pending and can be retried.
            phase(Phase.CONTRACT_PENDING, "contract failed, retry with `tuesday release contract`: " + e.getMessage());
            throw new ReleaseException("contract failed after a successful roll: " + e.getMessage(), e);
        }
        phase(Phase.DONE, "released " + plan.to().version());
        return new ReleaseOutcome.Completed(true);
    }

    /**
     * Finishes what a release that died left, with this fleet adopted from its state file:
     * drains and stops its instances it had not handed over, then completes its contract when it
     * died in it (every old instance gone by then), or else rolls back.
     */
    ReleaseOutcome recover(AbortReason.Died died, List<Instance> abandoned) {
        try {
            fleet.drainAndStop(abandoned);
        } catch (RuntimeException e) {
            phase(Phase.FAILED, "recovery failed: " + e.getMessage());
            throw new ReleaseException("cannot stop the instances of the release that died: " + e.getMessage(), e);
        }
        if (died.phase() == Phase.CONTRACT && fleet.old().isEmpty()) {
            return contract();
        }
        expanded = true; // whether its expand ran or not: the rollback acts only on the plan's migration, if active
        return rollBack(died);
    }

    private boolean leavesOldWithoutTraffic(RolloutStep step) {
        return switch (step) {
            case RolloutStep.StopOld stop -> stop.count() >= fleet.old().size();
            case RolloutStep.ShiftTraffic shift -> shift.percent() >= 100;
            default -> false;
        };
    }

    private void execute(RolloutStep step) {
        switch (step) {
            case RolloutStep.StartNew start -> startNew(start.count(), start.weight());
            case RolloutStep.StopOld stop -> fleet.drainAndStop(fleet.old().subList(0, Math.min(stop.count(), fleet.old().size())));
            case RolloutStep.ShiftTraffic shift -> fleet.shift(shift.percent());
            case RolloutStep.Hold hold -> hold(hold.duration());
            case RolloutStep.Analyse analyse -> analyse(analyse);
        }
    }

    private void startNew(int count, int weight) {
        String schema = plan.to().schema().orElse(change.newVersionSchema());
        List<Instance> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(fleet.launchNew(schema));
        }
        fleet.awaitReady(started, weight, this::checkpoint);
    }

    private void analyse(RolloutStep.Analyse step) {
        Strategy.Canary canary = (Strategy.Canary) plan.strategy();
        hold(step.unjudged());
        VersionCounters canaryBefore = fleet.traffic().counters(plan.to().version());
        VersionCounters baselineBefore = fleet.traffic().counters(plan.from().version());
        hold(step.window());
        VersionCounters.Window canaryWindow = fleet.traffic().counters(plan.to().version()).since(canaryBefore);
        VersionCounters.Window baselineWindow = fleet.traffic().counters(plan.from().version()).since(baselineBefore);
        AnalysisVerdict verdict = CanaryJudge.judge(canary.analysis(), step.step(), step.weight(), canaryWindow, baselineWindow);
        verdicts.add(verdict);
        listener.on(new ReleaseEvent.Analysed(verdict));
        if (!verdict.passed()) {
            throw new Abort(new AbortReason.AnalysisFailed(verdict));
        }
    }

    private void hold(Duration duration) {
        Instant until = clock.instant().plus(duration);
        while (clock.instant().isBefore(until)) {
            checkpoint();
            Duration left = Duration.between(clock.instant(), until);
            Pause.sleep(left.compareTo(plan.readiness().poll()) < 0 ? left : plan.readiness().poll());
        }
        checkpoint();
    }

    /** Backs out when asked to, or when a new instance died. */
    private void checkpoint() {
        if (abortRequested.getAsBoolean()) {
            throw new Abort(new AbortReason.Requested());
        }
        for (Instance instance : fleet.fresh()) {
            if (instance.exitCode().isPresent()) {
                throw new Abort(new AbortReason.Crashed(instance.id(), instance.exitCode().getAsInt()));
            }
        }
    }

    private ReleaseOutcome rollBack(AbortReason reason) {
        listener.on(new ReleaseEvent.Aborting(reason));
        phase(Phase.ROLLING_BACK, reason.describe());
        Optional<TrafficUnreachable> gone;
        try {
            gone = putOldBack();
            fleet.drainAndStop(List.copyOf(fleet.fresh()));
            if (expanded) {
                change.rollback();
            }
        } catch (RuntimeException e) {
            phase(Phase.FAILED, "rollback failed: " + e.getMessage());
            throw new ReleaseException("release aborted (" + reason.describe() + ") and its rollback failed: "
                    + e.getMessage(), e);
        }
        phase(Phase.ROLLED_BACK, plan.from().version() + (gone.isEmpty() ? " serves; " : " runs; ")
                + (expanded ? "migration rolled back" : "no migration to roll back")
                + gone.map(e -> "; the balancer did not answer, put " + plan.from().version()
                        + " back in its rotation once it is back (" + e.getMessage() + ")").orElse(""));
        return new ReleaseOutcome.RolledBack(reason, verdicts);
    }

    /**
     * Brings the old version back to its instance count and full weight; when the balancer is
     * gone, returns why instead: nothing reaches either version through it, so stopping the new
     * instances and rolling the migration back still leaves the old version as it was.
     */
    private Optional<TrafficUnreachable> putOldBack() {
        try {
            List<Instance> replacements = new ArrayList<>();
            int missing = plan.from().instances() - fleet.old().size(); // once: each launch joins fleet.old()
            for (int i = 0; i < missing; i++) {
                replacements.add(fleet.launchOld());
            }
            if (!replacements.isEmpty()) {
                fleet.awaitReady(replacements, StepPlanner.FULL_WEIGHT, () -> { });
                fleet.handOver(replacements);
            }
            fleet.shift(0);
            return Optional.empty();
        } catch (TrafficUnreachable e) {
            return Optional.of(e);
        }
    }

    /** Runs one step; any failure but an abort already decided becomes the abort's reason. */
    private void runStep(String name, Runnable action) {
        try {
            action.run();
        } catch (Abort abort) {
            throw abort;
        } catch (RuntimeException e) {
            throw new Abort(new AbortReason.StepFailed(name, e.getMessage()));
        }
    }

    private void phase(Phase phase, String detail) {
        onPhase.accept(phase);
        listener.on(new ReleaseEvent.PhaseStarted(phase, detail));
    }
}
