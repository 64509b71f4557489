package dev.tuesday.drill;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a drill in a few numbers: what a user of the service would have noticed.
 *
 * <p>Latencies are measured from the time each request was <em>scheduled</em> to leave, not
 * from when it actually left, so a service that stalls is charged for every request that had to
 * wait (no coordinated omission).
 *
 * @param requests       requests scheduled and sent
 * @param failed         failed requests, by kind; kinds with no failure are absent
 * @param p50            median latency of completed requests (failed or not)
 * @param p99            99th percentile latency
 * @param max            highest latency
 * @param longestFailureRun the longest run of consecutive failed requests
 * @param rowsWritten    rows the service acknowledged writing (0 for workloads without writes)
 * @param lostWrites     rows acknowledged but missing or different when read back in the final
 *                       verification pass
 * @param unverified     rows the final pass could not read (errors or its deadline)
 */
public record Verdict(long requests, Map<FailureKind, Long> failed, Duration p50, Duration p99,
                      Duration max, FailureRun longestFailureRun, long rowsWritten,
                      long lostWrites, long unverified) {

    /** Checks the fields and copies the map. */
    public Verdict {
        failed = Map.copyOf(Objects.requireNonNull(failed, "failed"));
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(longestFailureRun, "longestFailureRun");
    }

    /** All failed requests, whatever their kind. */
    public long failedTotal() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Failed requests of one kind. */
    public long failed(FailureKind kind) {
        return failed.getOrDefault(kind, 0L);
    }

    /** True when no request failed, no write was lost and every written row was verified. */
    public boolean clean() {
        return failedTotal() == 0 && lostWrites == 0 && unverified == 0;
    }
}
