package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.plan.ReleasePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestration's logic on fakes of its own interfaces: order of phases, every abort path. */
class ReleaseOnFakesTest {
    @TempDir
    Path dir;

    private final Fakes fakes = new Fakes();
    private final List<ReleaseEvent> events = new ArrayList<>();

    private Release release(ReleasePlan plan) {
        List<Instance> running = new ArrayList<>();
        for (int i = 1; i <= plan.from().instances(); i++) {
            Instance old = fakes.launcher.running("v1-" + i, "v1");
            fakes.traffic.add(old.id(), old.uri(), "v1", 100);
            running.add(old);
        }
        fakes.log.clear();
        return Release.configure().plan(plan).traffic(fakes.traffic).launcher(fakes.launcher)
                .schemaChange(fakes.change).listener(events::add).stateDir(dir.resolve(".tuesday")).running(running).build();
    }

    @Test
    void rollingReleaseExpandsThenRollsThenContracts() {
        ReleaseOutcome outcome = release(Plans.fake(dir, 3, "{ rolling: { maxSurge: 1 } }", "")).run();

        assertThat(outcome).isEqualTo(new ReleaseOutcome.Completed(true));
        assertThat(fakes.indexOf("expand")).isLessThan(fakes.indexOf("launch v2-1"));
        assertThat(fakes.indexOf("add v2-1 weight 100")).isLessThan(fakes.indexOf("drain v1-1"));
        assertThat(fakes.indexOf("drain v1-1")).isLessThan(fakes.indexOf("stop v1-1"));
        assertThat(fakes.indexOf("stop v1-3")).isLessThan(fakes.indexOf("contract"));
        assertThat(fakes.entries("rollback")).isEmpty();
        assertThat(fakes.traffic.weights).containsOnlyKeys("v2-1", "v2-2", "v2-3");
        assertThat(fakes.launcher.schemas).containsEntry("v2-1", "public_02_full_name");
        assertThat(Release.status(dir.resolve(".tuesday")).orElseThrow().phase()).isEqualTo(Phase.DONE);
    }

    @Test
    void newVersionThatNeverBecomesReadyAbortsBeforeAnyOldInstanceStops() {
        fakes.launcher.behaviours.put("v2", Fakes.Behaviour.NEVER_READY);

        ReleaseOutcome outcome = release(Plans.fake(dir, 3, "{ rolling: { maxSurge: 1 } }", "")).run();

        assertThat(outcome).isInstanceOf(ReleaseOutcome.RolledBack.class);
        assertThat(((ReleaseOutcome.RolledBack) outcome).reason()).isInstanceOf(AbortReason.NotReady.class);
        assertThat(fakes.entries("stop v1")).isEmpty();
        assertThat(fakes.entries("drain v1")).isEmpty();
        assertThat(fakes.entries("stop v2-1")).hasSize(1);
        assertThat(fakes.indexOf("stop v2-1")).isLessThan(fakes.indexOf("rollback"));
        assertThat(fakes.traffic.weights).containsOnlyKeys("v1-1", "v1-2", "v1-3").allSatisfy((id, w) -> assertThat(w).isEqualTo(100));
        assertThat(Release.status(dir.resolve(".tuesday")).orElseThrow().phase()).isEqualTo(Phase.ROLLED_BACK);
    }

    @Test
    void newInstanceThatCrashesRollsTheReleaseBack() {
        fakes.launcher.behaviours.put("v2", Fakes.Behaviour.CRASHES);

        ReleaseOutcome outcome = release(Plans.fake(dir, 2, "{ blueGreen: { keepOld: 1s } }", "")).run();

        assertThat(((ReleaseOutcome.RolledBack) outcome).reason()).isEqualTo(new AbortReason.Crashed("v2-1", 137));
        assertThat(fakes.entries("rollback")).hasSize(1);
        assertThat(fakes.traffic.weights).containsOnlyKeys("v1-1", "v1-2");
    }

    @Test
    void failedExpandAbortsWithoutStartingAnythingAndWithoutRollingBackSomebodyElsesMigration() {
        fakes.change.failExpand = new IllegalStateException("another migration is active");

        ReleaseOutcome outcome = release(Plans.fake(dir, 2, "{ rolling: {} }", "")).run();

        assertThat(((ReleaseOutcome.RolledBack) outcome).reason())
                .isEqualTo(new AbortReason.StepFailed("expand", "another migration is active"));
        assertThat(fakes.entries("launch")).isEmpty();
        assertThat(fakes.entries("rollback")).isEmpty();
    }

    @Test
    void rollingWithUnavailabilityRestartsTheOldInstancesItStoppedWhenItAborts() {
        fakes.launcher.behaviours.put("v2", Fakes.Behaviour.NEVER_READY);

        ReleaseOutcome outcome = release(Plans.fake(dir, 2, "{ rolling: { maxSurge: 0, maxUnavailable: 1 } }", "")).run();

        assertThat(outcome).isInstanceOf(ReleaseOutcome.RolledBack.class);
        assertThat(fakes.entries("stop v1-1")).hasSize(1);
        assertThat(fakes.entries("launch v1-")).containsExactly("launch v1-3");
        assertThat(fakes.indexOf("add v1-3 weight 100")).isLessThan(fakes.indexOf("stop v2-1"));
        assertThat(fakes.traffic.weights).containsOnlyKeys("v1-2", "v1-3");
    }

    @Test
    void anAbortAfterTwoOldInstancesStoppedStartsTwoAgain() {
        fakes.launcher.behaviours.put("v2", Fakes.Behaviour.NEVER_READY);

        ReleaseOutcome outcome = release(Plans.fake(dir, 3, "{ rolling: { maxSurge: 0, maxUnavailable: 2 } }", "")).run();

        assertThat(outcome).isInstanceOf(ReleaseOutcome.RolledBack.class);
        assertThat(fakes.entries("stop v1-")).containsExactlyInAnyOrder("stop v1-1", "stop v1-2");
        assertThat(fakes.entries("launch v1-")).containsExactly("launch v1-4", "launch v1-5");
        assertThat(fakes.traffic.weights).containsOnlyKeys("v1-3", "v1-4", "v1-5");
    }

    @Test
    void canaryThatFailsTooOftenIsStoppedAtTheFirstStepAndTrafficGoesBackToTheOldVersion() {
        fakes.traffic.perCall.put("v2", new long[] {100, 20});
        fakes.traffic.perCall.put("v1", new long[] {400, 0});

        ReleaseOutcome outcome = release(Plans.fake(dir, 2,
                "{ canary: { steps: [ { weight: 20, pause: 50ms }, { weight: 50, pause: 50ms } ] } }", "")).run();

        ReleaseOutcome.RolledBack rolledBack = (ReleaseOutcome.RolledBack) outcome;
        assertThat(rolledBack.reason()).isInstanceOf(AbortReason.AnalysisFailed.class);
        assertThat(rolledBack.analysis()).singleElement().satisfies(v -> {
            assertThat(v.step()).isZero();
            assertThat(v.canary().failures()).isEqualTo(20);
            assertThat(v.canary().requests()).isEqualTo(100);
            assertThat(v.passed()).isFalse();
        });
        assertThat(fakes.entries("launch v2")).containsExactly("launch v2-1");
        assertThat(fakes.traffic.weightOf("v2")).isZero();
        assertThat(fakes.traffic.weights).containsOnlyKeys("v1-1", "v1-2");
        assertThat(fakes.entries("rollback")).hasSize(1);
    }

    @Test
    void healthyCanaryPassesEveryStepAndIsPromoted() {
        fakes.traffic.perCall.put("v2", new long[] {100, 0});
        fakes.traffic.perCall.put("v1", new long[] {400, 0});

        ReleaseOutcome outcome = release(Plans.fake(dir, 2,
                "{ canary: { steps: [ { weight: 20, pause: 30ms }, { weight: 50, pause: 30ms } ] } }", "")).run();

        assertThat(outcome).isEqualTo(new ReleaseOutcome.Completed(true));
        assertThat(events).filteredOn(ReleaseEvent.Analysed.class::isInstance).hasSize(2);
        assertThat(fakes.traffic.weights).containsOnlyKeys("v2-1", "v2-2");
    }

    @Test
    void abortRequestedFromAnotherProcessBacksOutWithinOnePoll() throws Exception {
        Path state = dir.resolve(".tuesday");
        Release release = release(Plans.fake(dir, 2, "{ blueGreen: { keepOld: 20s } }", ""));
        CompletableFuture<ReleaseOutcome> running = CompletableFuture.supplyAsync(release::run);
        while (!fakes.log.contains("weight v1-2 0")) {
            Thread.sleep(5);
        }
        Release.abort(state);

        ReleaseOutcome outcome = running.get(5, TimeUnit.SECONDS);
        assertThat(((ReleaseOutcome.RolledBack) outcome).reason()).isEqualTo(new AbortReason.Requested());
        assertThat(fakes.traffic.weights).containsOnlyKeys("v1-1", "v1-2").allSatisfy((id, w) -> assertThat(w).isEqualTo(100));
        assertThatThrownBy(() -> Release.abort(state)).isInstanceOf(ReleaseException.class).hasMessageContaining("rolled-back");
    }

    @Test
    void deferredContractWaitsForTheContractCommand() {
        ReleasePlan plan = Plans.fake(dir, 1, "{ rolling: {} }", "contract: deferred");
        Path state = dir.resolve(".tuesday");

        try (Release release = release(plan)) {
            assertThat(release.run()).isEqualTo(new ReleaseOutcome.Completed(false));
        }
        assertThat(fakes.entries("contract")).isEmpty();
        assertThat(Release.status(state).orElseThrow().phase()).isEqualTo(Phase.CONTRACT_PENDING);

        Release.contract(plan, state, fakes.change);
        assertThat(fakes.entries("contract")).hasSize(1);
        assertThat(Release.status(state).orElseThrow().phase()).isEqualTo(Phase.DONE);
        assertThatThrownBy(() -> Release.contract(plan, state, fakes.change)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("nothing to contract");
    }

    @Test
    void statusShowsPhaseInstancesReadyAndWeights() {
        fakes.traffic.perCall.put("v2", new long[] {100, 0});
        ReleasePlan plan = Plans.fake(dir, 2, "{ rolling: { maxSurge: 2 } }", "contract: deferred");
        release(plan).run();

        ReleaseState state = Release.status(dir.resolve(".tuesday")).orElseThrow();
        assertThat(state.ready("v2")).isEqualTo(2);
        assertThat(state.ready("v1")).isZero();
        assertThat(state.lines()).anySatisfy(line -> assertThat(line).contains("v2 ready 2/2"))
                .anySatisfy(line -> assertThat(line).contains("v2-1=100 v2-2=100"));
    }

    @Test
    void progressReachesTheListenerInOrder() {
        release(Plans.fake(dir, 1, "{ rolling: {} }", "")).run();

        assertThat(events).filteredOn(ReleaseEvent.PhaseStarted.class::isInstance)
                .extracting(e -> ((ReleaseEvent.PhaseStarted) e).phase())
                .containsExactly(Phase.EXPAND, Phase.ROLL, Phase.CONTRACT, Phase.DONE);
        assertThat(events.get(events.size() - 1)).isInstanceOf(ReleaseEvent.Finished.class);
        assertThat(events).extracting(ReleaseEvent::line).anySatisfy(l -> assertThat(l).contains("v2-1 ready after"));
    }
}
