package dev.tuesday.drill;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A live reading of a running drill, handed to the progress listener once a second.
 *
 * @param elapsed        time since the drill started
 * @param sentLastSecond requests sent during the last second
 * @param answeredLastSecond answers that arrived during the last second
 * @param sent           requests sent so far
 * @param failed         failed requests so far, by kind (only kinds that occurred)
 * @param inFlight       requests sent and not yet answered
 * @param p99LastSecond  99th percentile latency of the requests completed during the last second
 */
public record Progress(Duration elapsed, long sentLastSecond, long answeredLastSecond, long sent,
                       Map<FailureKind, Long> failed, long inFlight, Duration p99LastSecond) {

    /** Checks the fields and copies the map. */
    public Progress {
        Objects.requireNonNull(elapsed, "elapsed");
        failed = Map.copyOf(Objects.requireNonNull(failed, "failed"));
        Objects.requireNonNull(p99LastSecond, "p99LastSecond");
    }

    /** All failures so far. */
    public long failedTotal() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One terminal line, for example
     * {@code 12s  sent 200/s  answered 198/s  failed 3 (5xx 3)  in flight 2  p99 12 ms}.
     */
    public String line() {
        StringBuilder b = new StringBuilder();
        b.append(elapsed.toSeconds()).append("s  sent ").append(sentLastSecond).append("/s  answered ")
                .append(answeredLastSecond).append("/s  failed ").append(failedTotal());
        if (!failed.isEmpty()) {
            b.append(" (");
            String sep = "";
            for (FailureKind kind : FailureKind.values()) {
                Long n = failed.get(kind);
                if (n != null) {
                    b.append(sep).append(kind.label()).append(' ').append(n);
                    sep = ", ";
                }
            }
            b.append(')');
        }
        b.append("  in flight ").append(inFlight).append("  p99 ").append(Millis.format(p99LastSecond));
        return b.toString();
    }
}
