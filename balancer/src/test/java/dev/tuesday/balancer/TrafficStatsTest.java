package dev.tuesday.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficStatsTest {

    @Test
    void measuresTheTrafficOfAWindowBetweenTwoSnapshots() {
        TrafficRecorder recorder = new TrafficRecorder();
        for (int i = 0; i < 10; i++) {
            recorder.request();
            recorder.response(200, 1_000_000); // 1 ms
        }
        TrafficStats atStart = recorder.snapshot();
        for (int i = 0; i < 4; i++) {
            recorder.request();
            recorder.response(i == 0 ? 500 : 200, 50_000_000); // 50 ms
        }
        recorder.request();
        recorder.connectionFailure();

        TrafficStats window = recorder.snapshot().since(atStart);
        assertThat(window.requests()).isEqualTo(5);
        assertThat(window.responses5xx()).isEqualTo(1);
        assertThat(window.connectionFailures()).isEqualTo(1);
        assertThat(window.errorRate()).isEqualTo(0.4);
        assertThat(window.latencyMicros().getTotalCount()).isEqualTo(4);
        assertThat(window.latencyMillis(50)).isBetween(49.0, 51.0);
    }

    @Test
    void givesEmptyCountersForAVersionWithoutTraffic() {
        MetricsSnapshot metrics = new MetricsSnapshot(0, 0, 0, Map.of(), Map.of());
        assertThat(metrics.version("v9").requests()).isZero();
        assertThat(metrics.version("v9").errorRate()).isZero();
        assertThat(metrics.version("v9").latencyMillis(99)).isZero();
    }
}
