package dev.tuesday.balancer;

import java.util.Map;

/**
 * Every counter of a balancer at one moment.
 *
 * @param clientRequests    requests received from clients
 * @param clientFailures    requests the balancer answered itself with 502, 503 or 504 (or cut off)
 * @param retries           attempts sent to another backend after one failed
 * @param byBackend         per backend id, for the backends currently known
 * @param byVersion         per version, including traffic of backends already removed
 */
public record MetricsSnapshot(long clientRequests, long clientFailures, long retries,
                              Map<String, TrafficStats> byBackend, Map<String, TrafficStats> byVersion) {
    /** Copies the maps so the snapshot never changes. */
    public MetricsSnapshot {
        byBackend = Map.copyOf(byBackend);
        byVersion = Map.copyOf(byVersion);
    }

    /** The traffic of one version, or empty counters when it has had none. */
    public TrafficStats version(String version) {
        TrafficStats stats = byVersion.get(version);
        return stats != null ? stats : new TrafficStats(0, 0, 0, 0, new org.HdrHistogram.Histogram(2));
    }
}
