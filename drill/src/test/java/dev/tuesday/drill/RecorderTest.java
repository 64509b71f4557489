package dev.tuesday.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every request sent gets exactly one outcome in the verdict. */
class RecorderTest {

    private static final int RATE = 10;
    private static final long START = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static long due(long seq) {
        return START + seq * 1_000_000_000L / RATE;
    }

    @Test
    void aRequestWithoutOutcomeWhenTheVerdictIsTakenCountsOnceAsUnfinished() {
        Recorder recorder = new Recorder(START, 10, Duration.ofSeconds(1));
        for (long seq = 0; seq < 3; seq++) {
            recorder.sent(due(seq));
        }
        recorder.completed(0, due(0), due(0) + 10 * MS, Outcome.ok("GET /"));
        recorder.completed(1, due(1), due(1) + 10 * MS, Outcome.ok("GET /"));

        Verdict verdict = recorder.verdict(3, RATE, Verification.NONE);
        assertThat(verdict.failed()).containsExactly(Map.entry(FailureKind.UNFINISHED, 1L));
        assertThat(verdict.clean()).isFalse();
        assertThat(verdict.longestFailureRun().count()).isEqualTo(1);
        assertThat(recorder.samples()).singleElement().extracting(FailureSample::kind).isEqualTo(FailureKind.UNFINISHED);

        // Its answer arriving after the verdict changes nothing: it was counted already.
        recorder.completed(2, due(2), due(2) + 900 * MS, Outcome.ok("GET /"));
        assertThat(recorder.verdict(3, RATE, Verification.NONE).failed())
                .containsExactly(Map.entry(FailureKind.UNFINISHED, 1L));
    }

    @Test
    void aGoodAnswerLaterThanTheTimeoutAfterItsDueTimeIsATimeout() {
        Recorder recorder = new Recorder(START, 10, Duration.ofSeconds(1));
        recorder.sent(due(0));
        recorder.sent(due(1));
        recorder.completed(0, due(0), due(0) + 999 * MS, Outcome.ok("GET /"));
        recorder.completed(1, due(1), due(1) + 1001 * MS, Outcome.ok("GET /"));

        Verdict verdict = recorder.verdict(2, RATE, Verification.NONE);
        assertThat(verdict.failed()).containsExactly(Map.entry(FailureKind.TIMEOUT, 1L));
        assertThat(recorder.samples()).singleElement().extracting(FailureSample::detail).asString()
                .contains("past the timeout of 1000 ms");
    }
}
