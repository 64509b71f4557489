package dev.tuesday.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One probe's last report, reused until its time to live passes, so a burst of probes runs the
 * checks once. A report is computed by one caller at a time. While it computes, the others get the
 * report it replaces — at most one computation late, which the checks' timeout bounds — rather
 * than all waiting for the database each time the report expires; with no report to give (the
 * first one, or one {@link #clear()}ed by a change of state) they wait and reuse the new one. A
 * time to live of zero means every caller gets a report of its own time: nothing stale is given.
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
        Cached last = cached;
        if (last != null && clock.instant().isBefore(last.expires())) {
            return last.report();
        }
        if (!lock.tryLock()) {
            if (last != null && !ttl.isZero()) {
                return last.report(); // another caller is computing its successor
            }
            lock.lock();
        }
        try {
            HealthReport fresh = fresh();
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
