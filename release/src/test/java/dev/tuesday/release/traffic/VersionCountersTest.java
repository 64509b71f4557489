package dev.tuesday.release.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Windows between two snapshots of a version's counters: pure logic. */
class VersionCountersTest {

    @Test
    void aWindowOfRecordedLatencyHasItsOwnP99NotTheCumulativeOne() {
        Histogram latency = new Histogram(2);
        latency.recordValueWithCount(2_000, 1_000); // 1000 requests of 2 ms
        VersionCounters before = new VersionCounters(1_000, 0, latency);
        latency.recordValueWithCount(2_000, 97);
        latency.recordValueWithCount(900_000, 3); // then 3 of 100 take 900 ms
        VersionCounters after = new VersionCounters(1_100, 1, latency);

        VersionCounters.Window window = after.since(before);

        assertThat(window.requests()).isEqualTo(100);
        assertThat(window.failures()).isEqualTo(1);
        assertThat(window.p99Millis()).isBetween(890.0, 910.0);
        assertThat(after.since(VersionCounters.empty()).p99Millis()).isBetween(1.9, 2.1);
    }

    @Test
    void snapshotsCopyTheirHistogram() {
        Histogram latency = new Histogram(2);
        latency.recordValue(2_000);
        VersionCounters before = new VersionCounters(1, 0, latency);
        latency.recordValue(500_000);

        assertThat(new VersionCounters(2, 0, latency).since(before).p99Millis()).isBetween(495.0, 505.0);
    }

    @Test
    void aSourceThatStartedAgainBetweenTwoSnapshotsGivesWhatItCountedSince() {
        Histogram earlier = new Histogram(2);
        earlier.recordValueWithCount(2_000, 500);
        Histogram restarted = new Histogram(2);
        restarted.recordValueWithCount(300_000, 600);

        VersionCounters.Window window = new VersionCounters(600, 0, restarted).since(new VersionCounters(500, 0, earlier));

        assertThat(window.p99Millis()).isBetween(295.0, 305.0);
        assertThat(window.requests()).isEqualTo(100); // the counters' difference, never negative
    }

    @Test
    void aRecentFigureStandsForAWindowThatHadRequests() {
        VersionCounters before = new VersionCounters(100, 0, new VersionCounters.Latency.Recent(20));
        VersionCounters after = new VersionCounters(150, 0, new VersionCounters.Latency.Recent(310));

        assertThat(after.since(before).p99Millis()).isEqualTo(310);
        assertThat(after.since(after).p99Millis()).isZero();
    }

    @Test
    void snapshotsOfDifferentSourcesAreRefused() {
        VersionCounters recent = new VersionCounters(1, 0, new VersionCounters.Latency.Recent(5));

        assertThatThrownBy(() -> recent.since(VersionCounters.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Recorded then Recent");
    }
}
