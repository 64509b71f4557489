package dev.tuesday.release;

import dev.tuesday.release.plan.CanaryAnalysis;
import dev.tuesday.release.traffic.VersionCounters;
import java.util.Locale;

/** Compares a canary window with the baseline window against the thresholds: pure logic. */
final class CanaryJudge {
    private CanaryJudge() {
    }

    static AnalysisVerdict judge(CanaryAnalysis thresholds, int step, int weight,
                                 VersionCounters.Window canary, VersionCounters.Window baseline) {
        String reason = null;
        if (canary.requests() < thresholds.minRequests()) {
            reason = "the canary received " + canary.requests() + " requests, fewer than minRequests "
                    + thresholds.minRequests();
        } else if (canary.errorRate() - baseline.errorRate() > thresholds.maxErrorRateIncrease()) {
            reason = String.format(Locale.ROOT, "error rate %.2f%% exceeds the baseline's %.2f%% by more than %.2f points",
                    100 * canary.errorRate(), 100 * baseline.errorRate(), 100 * thresholds.maxErrorRateIncrease());
        } else {
            double allowed = baseline.p99Millis() * thresholds.maxLatencyRatio() + thresholds.latencyMargin().toMillis();
            if (canary.p99Millis() > allowed) {
                reason = String.format(Locale.ROOT, "p99 %.1f ms exceeds the allowed %.1f ms (%.1f × baseline %.1f ms + %d ms)",
                        canary.p99Millis(), allowed, thresholds.maxLatencyRatio(), baseline.p99Millis(),
                        thresholds.latencyMargin().toMillis());
            }
        }
        return new AnalysisVerdict(step, weight, canary, baseline, reason == null, reason == null ? "within thresholds" : reason);
    }
}
