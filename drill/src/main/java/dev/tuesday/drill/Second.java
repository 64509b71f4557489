package dev.tuesday.drill;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What one second of a drill looked like: one point of the timeline.
 *
 * <p>{@code sent}, the failures and the latencies belong to the second in which the requests
 * were <em>scheduled</em> to leave, so a stall shows where it began; {@code answered} counts the
 * answers that <em>arrived</em> during the second, so a stall shows as a dip and the backlog as a
 * spike when it ends.
 *
 * @param offset   seconds since the start of the drill (0, 1, 2, ...)
 * @param sent     requests scheduled in this second
 * @param answered responses (any status) that arrived in this second
 * @param failed   failed requests among those scheduled in this second, by kind; kinds with no
 *                 failure are absent
 * @param p50      median latency of the requests scheduled in this second ({@link Duration#ZERO}
 *                 when none completed)
 * @param p99      99th percentile latency, as {@code p50}
 * @param max      highest latency, as {@code p50}
 */
public record Second(long offset, long sent, long answered, Map<FailureKind, Long> failed,
                     Duration p50, Duration p99, Duration max) {

    /** Checks the fields and copies the map. */
    public Second {
        failed = Map.copyOf(Objects.requireNonNull(failed, "failed"));
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
    }

    /** All failures of this second, whatever their kind. */
    public long failedTotal() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }
}
