package dev.tuesday.balancer;

import org.HdrHistogram.Histogram;

/**
 * Counters of the requests sent to one backend, or to every backend of one version.
 *
 * @param requests           attempts sent (or tried) to the backend
 * @param responses5xx       responses with a 5xx status from the backend
 * @param connectionFailures attempts that failed at the connection (refused, reset, closed early)
 * @param timeouts           attempts that got no answer within the response timeout
 * @param latencyMicros      a copy of the latency histogram of completed responses, in microseconds
 */
public record TrafficStats(long requests, long responses5xx, long connectionFailures, long timeouts, Histogram latencyMicros) {

    /**
     * The traffic between an earlier snapshot of the same counters and this one, for analysis over
     * a window (a canary step, say): {@code now.since(atStepStart)}.
     */
    public TrafficStats since(TrafficStats earlier) {
        Histogram window = latencyMicros.copy();
        window.subtract(earlier.latencyMicros);
        return new TrafficStats(requests - earlier.requests, responses5xx - earlier.responses5xx,
                connectionFailures - earlier.connectionFailures, timeouts - earlier.timeouts, window);
    }

    /** Requests that ended in a 5xx, a connection failure or a timeout. */
    public long failures() {
        return responses5xx + connectionFailures + timeouts;
    }

    /** Share of requests that ended in a 5xx, a connection failure or a timeout; 0 when there were none. */
    public double errorRate() {
        return requests == 0 ? 0.0 : (double) failures() / requests;
    }

    /** Latency at the given percentile (0-100) in milliseconds; 0 when nothing was recorded. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0.0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
