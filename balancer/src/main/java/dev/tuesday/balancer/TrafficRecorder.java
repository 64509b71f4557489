package dev.tuesday.balancer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Thread-safe counters and latency histogram behind one {@link TrafficStats}.
 *
 * <p>Latencies are recorded into one histogram per stripe, picked by the recording thread, and
 * summed when read: every event loop records every response, and one shared histogram would make
 * the loops' cores take turns owning its counters (the way {@link LongAdder} stripes a sum).
 */
final class TrafficRecorder {
    private static final int STRIPES = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() - 1)) * 2;

    private final LongAdder requests = new LongAdder();
    private final LongAdder responses5xx = new LongAdder();
    private final LongAdder connectionFailures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    // Two significant digits: 1 % precision is plenty for p50/p99, and keeps recording cheap.
    private final ConcurrentHistogram[] latencyMicros = new ConcurrentHistogram[STRIPES];

    TrafficRecorder() {
        for (int i = 0; i < STRIPES; i++) {
            latencyMicros[i] = new ConcurrentHistogram(2);
        }
    }

    void request() {
        requests.increment();
    }

    void response(int status, long elapsedNanos) {
        if (status >= 500) {
            responses5xx.increment();
        }
        int stripe = (int) Thread.currentThread().threadId() & (STRIPES - 1);
        latencyMicros[stripe].recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(elapsedNanos)));
    }

    void connectionFailure() {
        connectionFailures.increment();
    }

    void timeout() {
        timeouts.increment();
    }

    TrafficStats snapshot() {
        Histogram latency = latencyMicros[0].copy();
        for (int i = 1; i < STRIPES; i++) {
            latency.add(latencyMicros[i].copy());
        }
        return new TrafficStats(requests.sum(), responses5xx.sum(), connectionFailures.sum(), timeouts.sum(), latency);
    }
}
