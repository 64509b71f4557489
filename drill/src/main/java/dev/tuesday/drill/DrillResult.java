package dev.tuesday.drill;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one drill run measured: the verdict, the timeline second by second and the phases
 * the caller marked.
 *
 * @param target   the URI the drill loaded
 * @param workload the workload's name ({@code get} or {@code users})
 * @param rate     requests scheduled per second
 * @param started  when the first request was scheduled
 * @param duration how long requests were scheduled (shorter than configured when stopped early)
 * @param timeline one entry per second, in order, from offset 0
 * @param spans    the phases marked by the caller, in the order they began
 * @param verdict  the summary
 * @param samples  a few failed requests of each kind, with what went wrong
 */
public record DrillResult(URI target, String workload, int rate, Instant started, Duration duration,
                          List<Second> timeline, List<Span> spans, Verdict verdict,
                          List<FailureSample> samples) {

    /** Checks the fields and copies the lists. */
    public DrillResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        timeline = List.copyOf(timeline);
        spans = List.copyOf(spans);
        Objects.requireNonNull(verdict, "verdict");
        samples = List.copyOf(samples);
    }
}
