package dev.tuesday.migrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the next backfill batch is sized from the last one's time (no database: the rule alone). */
class BatchSizeTest {

    private static final Duration AIM = Duration.ofMillis(5);

    @Test
    void aFixedSizeStaysWhateverTheBatchTook() {
        assertThat(Backfiller.nextSize(1000, Duration.ofMillis(400), Duration.ZERO, 100)).isEqualTo(1000);
        assertThat(Backfiller.nextSize(7, Duration.ofNanos(1), Duration.ZERO, 7)).isEqualTo(7);
    }

    @Test
    void theSizeFollowsTheAimAtMostTwofoldAtATime() {
        assertThat(Backfiller.nextSize(1000, Duration.ofMillis(4), AIM, 100)).isEqualTo(1250);
        assertThat(Backfiller.nextSize(1000, Duration.ofMillis(1), AIM, 100)).isEqualTo(2000);
        assertThat(Backfiller.nextSize(1000, Duration.ofMillis(8), AIM, 100)).isEqualTo(625);
        assertThat(Backfiller.nextSize(1000, Duration.ofMillis(500), AIM, 100)).isEqualTo(500);
    }

    @Test
    void slowBatchesStopAtTheFloorAndFastOnesAtTheCeiling() {
        assertThat(Backfiller.nextSize(120, Duration.ofSeconds(2), AIM, 100)).isEqualTo(100);
        assertThat(Backfiller.nextSize(20, Duration.ofSeconds(2), AIM, 20)).isEqualTo(20);
        assertThat(Backfiller.nextSize(Backfiller.MAX_BATCH, Duration.ofNanos(1), AIM, 100))
                .isEqualTo(Backfiller.MAX_BATCH);
    }
}
