package dev.tuesday.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Counts a drill as it runs: per second (sent, answered, failures by kind, latency), in total,
 * and which requests failed, for the longest run of failures.
 *
 * <p>Latency is measured from a request's scheduled send time ({@code due}) to its outcome, in
 * microseconds, up to one hour (longer values are recorded as one hour). Per-second histograms
 * keep two significant digits (1 % error), the total keeps three.
 *
 * <p>Every request sent gets exactly one outcome. An answer that came later than the timeout
 * after the request was due counts as {@link FailureKind#TIMEOUT}, even a good one. When the
 * verdict is taken the recorder closes: a request still without outcome then counts as
 * {@link FailureKind#UNFINISHED}, and an outcome that arrives after is ignored.
 */
final class Recorder {

    private static final long HIGHEST_MICROS = Duration.ofHours(1).toNanos() / 1000;
    private static final int SAMPLES_PER_KIND = 5;
    private static final FailureKind[] KINDS = FailureKind.values();

    private final long startNanos;
    private final long timeoutNanos;
    private final ConcurrentHashMap<Long, Bucket> seconds = new ConcurrentHashMap<>();
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram lastSecond = new Histogram(HIGHEST_MICROS, 2);
    private final AtomicLongArray failedBits;
    private final AtomicLongArray doneBits;
    private final AtomicLongArray failedByKind = new AtomicLongArray(KINDS.length);
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final List<FailureSample> samples = new ArrayList<>();

    /** Guarded by {@code total}: once set, outcomes are no longer counted. */
    private boolean closed;

    Recorder(long startNanos, long maxRequests, Duration timeout) {
        this.startNanos = startNanos;
        this.timeoutNanos = timeout.toNanos();
        this.failedBits = new AtomicLongArray((int) (maxRequests / 64 + 1));
        this.doneBits = new AtomicLongArray((int) (maxRequests / 64 + 1));
    }

    void sent(long dueNanos) {
        bucket(dueNanos).sent.increment();
        sent.increment();
    }

    void completed(long seq, long dueNanos, long endNanos, Outcome outcome) {
        if (!outcome.isFailure() && endNanos - dueNanos > timeoutNanos) {
            outcome = Outcome.failed(FailureKind.TIMEOUT, true, outcome.request(), "answered after "
                    + (endNanos - dueNanos) / 1_000_000 + " ms, past the timeout of " + timeoutNanos / 1_000_000 + " ms");
        }
        long micros = Math.min(Math.max(0, (endNanos - dueNanos) / 1000), HIGHEST_MICROS);
        Bucket scheduled = bucket(dueNanos);
        synchronized (total) {
            if (closed) {
                return; // already counted as unfinished
            }
            synchronized (scheduled) {
                scheduled.latency.recordValue(micros);
            }
            total.recordValue(micros);
            lastSecond.recordValue(micros);
            if (outcome.answered()) {
                bucket(endNanos).answered.increment();
                answered.increment();
            }
            if (outcome.isFailure()) {
                failed(seq, dueNanos, outcome);
            }
            setBit(doneBits, seq);
            completed.increment();
        }
    }

    private void failed(long seq, long dueNanos, Outcome outcome) {
        int kind = outcome.failure().ordinal();
        bucket(dueNanos).failed.incrementAndGet(kind);
        failedByKind.incrementAndGet(kind);
        setBit(failedBits, seq);
        keepSample(dueNanos, outcome);
    }

    private static void setBit(AtomicLongArray bits, long seq) {
        long bit = 1L << (seq & 63);
        bits.getAndUpdate((int) (seq >>> 6), w -> w | bit);
    }

    private static boolean bit(AtomicLongArray bits, long seq) {
        return (bits.get((int) (seq >>> 6)) & (1L << (seq & 63))) != 0;
    }

    private void keepSample(long dueNanos, Outcome outcome) {
        synchronized (samples) {
            long sameKind = samples.stream().filter(s -> s.kind() == outcome.failure()).count();
            if (sameKind < SAMPLES_PER_KIND) {
                samples.add(new FailureSample(Duration.ofNanos(dueNanos - startNanos), outcome.failure(),
                        outcome.request(), outcome.detail()));
            }
        }
    }

    long sent() {
        return sent.sum();
    }

    long answered() {
        return answered.sum();
    }

    long inFlight() {
        return sent.sum() - completed.sum();
    }

    Map<FailureKind, Long> failedByKind() {
        Map<FailureKind, Long> byKind = new EnumMap<>(FailureKind.class);
        for (FailureKind kind : KINDS) {
            long n = failedByKind.get(kind.ordinal());
            if (n > 0) {
                byKind.put(kind, n);
            }
        }
        return byKind;
    }

    /** The 99th percentile of what completed since the last call, and starts a new interval. */
    Duration takeLastSecondP99() {
        synchronized (total) {
            Duration p99 = lastSecond.getTotalCount() == 0 ? Duration.ZERO
                    : Duration.ofNanos(lastSecond.getValueAtPercentile(99) * 1000);
            lastSecond.reset();
            return p99;
        }
    }

    List<Second> timeline() {
        long last = seconds.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        List<Second> timeline = new ArrayList<>();
        for (long s = 0; s <= last; s++) {
            Bucket b = seconds.get(s);
            if (b == null) {
                timeline.add(new Second(s, 0, 0, Map.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO));
                continue;
            }
            Map<FailureKind, Long> failed = new EnumMap<>(FailureKind.class);
            for (FailureKind kind : KINDS) {
                long n = b.failed.get(kind.ordinal());
                if (n > 0) {
                    failed.put(kind, n);
                }
            }
            synchronized (b) {
                timeline.add(new Second(s, b.sent.sum(), b.answered.sum(), failed,
                        percentile(b.latency, 50), percentile(b.latency, 99), max(b.latency)));
            }
        }
        return timeline;
    }

    /**
     * Closes the recorder and returns the verdict over the first {@code scheduled} requests; each
     * of them still without outcome counts as {@link FailureKind#UNFINISHED}.
     */
    Verdict verdict(long scheduled, int rate, Verification verification) {
        synchronized (total) {
            if (!closed) {
                closed = true;
                for (long seq = 0; seq < scheduled; seq++) {
                    if (!bit(doneBits, seq)) {
                        long due = startNanos + seq * 1_000_000_000L / rate;
                        failed(seq, due, Outcome.failed(FailureKind.UNFINISHED, false, "request " + seq,
                                "no outcome when the drill ended"));
                    }
                }
            }
            return new Verdict(scheduled, failedByKind(), percentile(total, 50), percentile(total, 99), max(total),
                    longestFailureRun(scheduled, rate), verification.rowsWritten(), verification.lost(),
                    verification.unverified());
        }
    }

    List<FailureSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private FailureRun longestFailureRun(long scheduled, int rate) {
        long best = 0;
        long bestStart = 0;
        long run = 0;
        for (long seq = 0; seq < scheduled; seq++) {
            boolean failed = bit(failedBits, seq);
            run = failed ? run + 1 : 0;
            if (run > best) {
                best = run;
                bestStart = seq - run + 1;
            }
        }
        return best == 0 ? FailureRun.NONE
                : new FailureRun(best, Duration.ofNanos(best * 1_000_000_000L / rate),
                        Duration.ofNanos(bestStart * 1_000_000_000L / rate));
    }

    private Bucket bucket(long nanos) {
        long second = Math.max(0, (nanos - startNanos) / 1_000_000_000L);
        return seconds.computeIfAbsent(second, s -> new Bucket());
    }

    private static Duration percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? Duration.ZERO : Duration.ofNanos(h.getValueAtPercentile(p) * 1000);
    }

    private static Duration max(Histogram h) {
        return h.getTotalCount() == 0 ? Duration.ZERO : Duration.ofNanos(h.getMaxValue() * 1000);
    }

    private static final class Bucket {
        final LongAdder sent = new LongAdder();
        final LongAdder answered = new LongAdder();
        final AtomicLongArray failed = new AtomicLongArray(KINDS.length);
        final Histogram latency = new Histogram(HIGHEST_MICROS, 2);
    }
}
