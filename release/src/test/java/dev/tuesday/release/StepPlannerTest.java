package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.release.plan.CanaryAnalysis;
import dev.tuesday.release.plan.CanaryStep;
import dev.tuesday.release.plan.Strategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepPlannerTest {

    private static RolloutStep start(int n, int weight) {
        return new RolloutStep.StartNew(n, weight);
    }

    private static RolloutStep stop(int n) {
        return new RolloutStep.StopOld(n);
    }

    @Test
    void rollingWithOneSurgeStartsOneNewBeforeEachOldStops() {
        assertThat(StepPlanner.plan(new Strategy.Rolling(1, 0), 3, 3))
                .containsExactly(start(1, 100), stop(1), start(1, 100), stop(1), start(1, 100), stop(1));
    }

    @Test
    void rollingWithoutSurgeStopsAnOldInstanceFirst() {
        assertThat(StepPlanner.plan(new Strategy.Rolling(0, 1), 3, 3))
                .containsExactly(stop(1), start(1, 100), stop(1), start(1, 100), stop(1), start(1, 100));
    }

    @Test
    void rollingWithLargeSurgeStartsEverythingAtOnce() {
        assertThat(StepPlanner.plan(new Strategy.Rolling(5, 0), 3, 3)).containsExactly(start(3, 100), stop(3));
    }

    @Test
    void rollingNeverRunsMoreThanSurgeAllowsNorFewerThanUnavailableAllows() {
        for (int surge = 0; surge <= 3; surge++) {
            for (int unavailable = 0; unavailable <= 3; unavailable++) {
                if (surge + unavailable == 0) {
                    continue;
                }
                for (int n = 1; n <= 5; n++) {
                    int old = n;
                    int fresh = 0;
                    for (RolloutStep step : StepPlanner.plan(new Strategy.Rolling(surge, unavailable), n, n)) {
                        if (step instanceof RolloutStep.StartNew s) {
                            fresh += s.count();
                        } else if (step instanceof RolloutStep.StopOld s) {
                            old -= s.count();
                        }
                        assertThat(old + fresh).isLessThanOrEqualTo(n + surge);
                        assertThat(old + fresh).isGreaterThanOrEqualTo(Math.max(0, n - unavailable));
                    }
                    assertThat(old).isZero();
                    assertThat(fresh).isEqualTo(n);
                }
            }
        }
    }

    @Test
    void blueGreenStartsEveryNewInstanceIdleThenSwitchesThenStopsTheOldOnes() {
        assertThat(StepPlanner.plan(new Strategy.BlueGreen(Duration.ofSeconds(5)), 3, 3)).containsExactly(
                start(3, 0), new RolloutStep.ShiftTraffic(100),
                new RolloutStep.Hold(Duration.ofSeconds(5), "old instances kept idle for an instant rollback"), stop(3));
    }

    @Test
    void canaryAnalysesEachStepThenPromotes() {
        Strategy.Canary canary = new Strategy.Canary(1, List.of(new CanaryStep(10, Duration.ofSeconds(5)),
                new CanaryStep(50, Duration.ofSeconds(5))), CanaryAnalysis.DEFAULTS);
        assertThat(StepPlanner.plan(canary, 3, 3)).containsExactly(
                start(1, 0),
                new RolloutStep.ShiftTraffic(10), new RolloutStep.Analyse(0, 10, Duration.ZERO, Duration.ofSeconds(5)),
                new RolloutStep.ShiftTraffic(50), new RolloutStep.Analyse(1, 50, Duration.ZERO, Duration.ofSeconds(5)),
                start(2, 0), new RolloutStep.ShiftTraffic(100), stop(3));
    }

    @Test
    void onlyTheFirstCanaryStepWaitsItsInitialDelayUnjudged() {
        CanaryAnalysis warmingUp = new CanaryAnalysis(0.01, 1.5, Duration.ofMillis(50), 20, Duration.ofSeconds(10));
        Strategy.Canary canary = new Strategy.Canary(1, List.of(new CanaryStep(10, Duration.ofSeconds(5)),
                new CanaryStep(50, Duration.ofSeconds(5))), warmingUp);
        List<RolloutStep> steps = StepPlanner.plan(canary, 1, 1);
        assertThat(steps).filteredOn(RolloutStep.Analyse.class::isInstance).containsExactly(
                new RolloutStep.Analyse(0, 10, Duration.ofSeconds(10), Duration.ofSeconds(5)),
                new RolloutStep.Analyse(1, 50, Duration.ZERO, Duration.ofSeconds(5)));
        assertThat(steps.get(2).describe()).startsWith("wait 10s (the canary warms up, not judged), observe 5s");
    }

    @Test
    void splitGivesTheNewVersionTheRequestedShare() {
        for (int percent : new int[] {1, 10, 20, 50, 99}) {
            for (int oldCount = 1; oldCount <= 4; oldCount++) {
                for (int newCount = 1; newCount <= 4; newCount++) {
                    int[] w = StepPlanner.split(percent, oldCount, newCount);
                    double share = 100.0 * newCount * w[1] / (oldCount * w[0] + newCount * w[1]);
                    assertThat(share).isCloseTo(percent, org.assertj.core.data.Offset.offset(0.5));
                }
            }
        }
        assertThat(StepPlanner.split(100, 3, 1)).containsExactly(0, 100);
        assertThat(StepPlanner.split(0, 3, 1)).containsExactly(100, 0);
    }
}
