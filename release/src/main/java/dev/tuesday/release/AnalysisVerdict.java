package dev.tuesday.release;

import dev.tuesday.release.traffic.VersionCounters;
import java.util.Locale;

/**
 * The canary analysis of one step.
 *
 * @param step     the step's index, from 0
 * @param weight   the canary's share of traffic in percent during the step
 * @param canary   the new version's traffic over the step's window
 * @param baseline the old version's traffic over the same window
 * @param passed   whether the canary met every threshold
 * @param reason   the first threshold missed, or {@code "within thresholds"}
 */
public record AnalysisVerdict(int step, int weight, VersionCounters.Window canary, VersionCounters.Window baseline,
                              boolean passed, String reason) {

    /** One line: the figures and the decision. */
    public String describe() {
        return String.format(Locale.ROOT,
                "step %d (%d%%): canary %d requests, %d failed (%.2f%%), p99 %.1f ms; baseline %d requests, "
                        + "%d failed (%.2f%%), p99 %.1f ms: %s",
                step + 1, weight, canary.requests(), canary.failures(), 100 * canary.errorRate(), canary.p99Millis(),
                baseline.requests(), baseline.failures(), 100 * baseline.errorRate(), baseline.p99Millis(),
                passed ? "pass" : reason);
    }
}
