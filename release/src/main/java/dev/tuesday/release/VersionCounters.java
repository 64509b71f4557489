package dev.tuesday.release;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Cumulative counters of the requests sent to one version: a snapshot. Two snapshots make a
 * window ({@link #since(VersionCounters)}).
 *
 * @param requests      requests sent
 * @param failures      5xx answers, connection failures and timeouts
 * @param latencyMicros latency of the completed requests, microseconds (a copy, never changed)
 */
public record VersionCounters(long requests, long failures, Histogram latencyMicros) {

    /** Nothing counted yet. */
    public static VersionCounters empty() {
        return new VersionCounters(0, 0, new Histogram(3));
    }

    /** Checks the fields. */
    public VersionCounters {
        Objects.requireNonNull(latencyMicros, "latencyMicros");
    }

    /** What happened between {@code earlier} and this snapshot. */
    public Window since(VersionCounters earlier) {
        Histogram delta = latencyMicros.copy();
        if (earlier.latencyMicros.getTotalCount() > 0) {
            try {
                delta.subtract(earlier.latencyMicros);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                // The snapshots are not one histogram at two moments (a source that only knows
                // its cumulative p99, such as the admin API): the window's p99 is then the
                // cumulative one, a coarser but honest figure.
                delta = latencyMicros.copy();
            }
        }
        double p99 = delta.getTotalCount() == 0 ? 0 : delta.getValueAtPercentile(99) / 1000.0;
        // Counters of backends removed meanwhile may vanish from a source: never a negative window.
        return new Window(Math.max(0, requests - earlier.requests), Math.max(0, failures - earlier.failures), p99);
    }

    /**
     * One version's traffic over a window.
     *
     * @param requests  requests sent in the window
     * @param failures  of which failed
     * @param p99Millis the 99th percentile latency, milliseconds; 0 when nothing completed
     */
    public record Window(long requests, long failures, double p99Millis) {
        /** Failures over requests; 0 when there were no requests. */
        public double errorRate() {
            return requests == 0 ? 0 : (double) failures / requests;
        }
    }
}
