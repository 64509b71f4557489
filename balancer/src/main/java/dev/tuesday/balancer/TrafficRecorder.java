package dev.tuesday.balancer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/** Thread-safe counters and latency histogram behind one {@link TrafficStats}. */
final class TrafficRecorder {
    private final LongAdder requests = new LongAdder();
    private final LongAdder responses5xx = new LongAdder();
    private final LongAdder connectionFailures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    // Two significant digits: 1 % precision is plenty for p50/p99, and keeps recording cheap.
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(2);

    void request() {
        requests.increment();
    }

    void response(int status, long elapsedNanos) {
        if (status >= 500) {
            responses5xx.increment();
        }
        latencyMicros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(elapsedNanos)));
    }

    void connectionFailure() {
        connectionFailures.increment();
    }

    void timeout() {
        timeouts.increment();
    }

    TrafficStats snapshot() {
        return new TrafficStats(requests.sum(), responses5xx.sum(), connectionFailures.sum(), timeouts.sum(),
                latencyMicros.copy());
    }
}
