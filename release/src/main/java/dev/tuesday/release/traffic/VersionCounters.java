package dev.tuesday.release.traffic;

import dev.tuesday.balancer.TrafficStats;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Cumulative counters of the requests sent to one version: a snapshot. Two snapshots make a
 * window ({@link #since(VersionCounters)}).
 *
 * @param requests requests sent
 * @param failures 5xx answers, connection failures and timeouts
 * @param latency  what the source knows of the latency of the completed requests
 */
public record VersionCounters(long requests, long failures, Latency latency) {

    /** Nothing counted yet. */
    public static VersionCounters empty() {
        return new VersionCounters(0, 0, new Histogram(3));
    }

    /** The counters of Tuesday's balancer for one version, in its process or through its admin API. */
    public static VersionCounters of(TrafficStats traffic) {
        return new VersionCounters(traffic.requests(), traffic.failures(), traffic.latencyMicros());
    }

    /** Checks the fields. */
    public VersionCounters {
        Objects.requireNonNull(latency, "latency");
    }

    /**
     * Counters whose latency is recorded in a histogram.
     *
     * @param latencyMicros latency of every completed request, microseconds (copied)
     */
    public VersionCounters(long requests, long failures, Histogram latencyMicros) {
        this(requests, failures, new Latency.Recorded(latencyMicros));
    }

    /**
     * What happened between {@code earlier} and this snapshot.
     *
     * @throws IllegalArgumentException when the two snapshots know latency in different ways
     *                                  (they come from different sources)
     */
    public Window since(VersionCounters earlier) {
        double p99 = switch (latency) {
            case Latency.Recorded now when earlier.latency instanceof Latency.Recorded before -> now.p99MillisSince(before);
            case Latency.Recent now when earlier.latency instanceof Latency.Recent -> requests > earlier.requests ? now.millis() : 0;
            default -> throw new IllegalArgumentException("snapshots of different sources: " + earlier.latency.getClass().getSimpleName()
                    + " then " + latency.getClass().getSimpleName());
        };
        // Counters of backends removed meanwhile may vanish from a source: never a negative window.
        return new Window(Math.max(0, requests - earlier.requests), Math.max(0, failures - earlier.failures), p99);
    }

    /** How a source knows latency: every request in a histogram, or only a recent figure. */
    public sealed interface Latency {

        /**
         * Every completed request, in a histogram: the window's p99 is exact, from the difference
         * of two snapshots (Tuesday's balancer, in its process or through its admin API).
         *
         * @param micros latency of every completed request, microseconds (a copy, never changed)
         */
        record Recorded(Histogram micros) implements Latency {
            /** Copies the histogram. */
            public Recorded {
                micros = Objects.requireNonNull(micros, "micros").copy();
            }

            double p99MillisSince(Recorded earlier) {
                Histogram window = micros.copy();
                if (includes(earlier)) {
                    window.subtract(earlier.micros);
                }
                // Else the source started again between the two snapshots (a restarted balancer):
                // what it counted since is the window.
                return window.getTotalCount() == 0 ? 0 : window.getValueAtPercentile(99) / 1000.0;
            }

            /** Whether every request counted in {@code earlier} is counted here too. */
            private boolean includes(Recorded earlier) {
                for (HistogramIterationValue value : earlier.micros.recordedValues()) {
                    long at = value.getValueIteratedTo();
                    if (at > micros.getMaxValue() || micros.getCountAtValue(at) < value.getCountAtValueIteratedTo()) {
                        return false;
                    }
                }
                return true;
            }
        }

        /**
         * A latency figure the source keeps over its own recent requests, such as HAProxy's average
         * response time over its last 1024: a window with requests is judged on the later
         * snapshot's figure, which covers the window's requests only as far as the source's own
         * span does.
         *
         * @param millis the figure, milliseconds
         */
        record Recent(double millis) implements Latency {
        }
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
