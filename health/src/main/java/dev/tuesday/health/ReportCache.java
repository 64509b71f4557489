package dev.tuesday.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One probe's last report, reused until its time to live passes, so a burst of probes runs the
 * checks once. A report is computed by one caller at a time; the others wait and reuse it.
 */
final class ReportCache {

    private record Cached(HealthReport report, Instant expires) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final Predicate<HealthReport> keep;
    // A lock, not a monitor: a virtual thread waiting for a check inside a synchronized block pins
    // its carrier thread on JDK 21, and a few slow probes would then stall every virtual thread.
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Cached cached;

    /** A cache keeping for {@code ttl} the reports that {@code keep} accepts. */
    ReportCache(Clock clock, Duration ttl, Predicate<HealthReport> keep) {
        this.clock = clock;
        this.ttl = ttl;
        this.keep = keep;
    }

    /** The cached report while it is fresh; else the one {@code compute} makes (kept if {@code keep} accepts it). */
    HealthReport get(Supplier<HealthReport> compute) {
        HealthReport fresh = fresh();
        if (fresh != null) {
            return fresh;
        }
        lock.lock();
        try {
            fresh = fresh();
            if (fresh != null) {
                return fresh;
            }
            HealthReport report = compute.get();
            if (keep.test(report)) {
                cached = new Cached(report, clock.instant().plus(ttl));
            }
            return report;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the cached report: the next call computes. */
    void clear() {
        cached = null;
    }

    private HealthReport fresh() {
        Cached c = cached;
        return c != null && clock.instant().isBefore(c.expires()) ? c.report() : null;
    }
}
