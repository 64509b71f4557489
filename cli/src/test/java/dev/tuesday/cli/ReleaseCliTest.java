package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuesday release status}, {@code abort} and {@code recover} on a release whose process died. */
class ReleaseCliTest {
    @TempDir
    Path dir;

    /** A state file as a release killed mid-roll leaves it: phase roll, its process gone. */
    private Path deadRelease() throws Exception {
        Process ended = new ProcessBuilder("sleep", "30").start();
        String startedAt = ended.toHandle().info().startInstant().orElseThrow().toString();
        ended.destroyForcibly().waitFor();
        Path state = dir.resolve(".tuesday");
        Files.createDirectories(state);
        Files.writeString(state.resolve("release.json"), """
                { "name": "users v1 to v2", "plan": "", "strategy": "rolling", "phase": "ROLL",
                  "fromVersion": "v1", "toVersion": "v2", "fromDesired": 2, "toDesired": 2, "instances": [],
                  "outcome": "", "pid": %d, "updatedAt": "2026-01-01T00:00:00Z", "ownerStartedAt": "%s" }
                """.formatted(ended.pid(), startedAt));
        return state;
    }

    @Test
    void statusAndAbortSayTheReleaseDiedAndPointToRecover() throws Exception {
        Path state = deadRelease();

        TuesdayCommandTest.Result status = TuesdayCommandTest.run("release", "status", "--state-dir", state.toString());
        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.out()).contains("roll").contains("is gone: run `tuesday release recover`");

        TuesdayCommandTest.Result abort = TuesdayCommandTest.run("release", "abort", "--state-dir", state.toString());
        assertThat(abort.exit()).isEqualTo(1);
        assertThat(abort.err()).contains("died during its roll").contains("tuesday release recover");
        assertThat(state.resolve("release.abort")).doesNotExist();
    }

    @Test
    void recoverWithoutARecordedPlanAsksForIt() throws Exception {
        Path state = deadRelease();

        TuesdayCommandTest.Result recover = TuesdayCommandTest.run("release", "recover", "--state-dir", state.toString());
        assertThat(recover.exit()).isEqualTo(2);
        assertThat(recover.out()).contains("tuesday release recover PLAN");
    }
}
