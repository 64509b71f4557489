package dev.tuesday.release.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A process is told from another with its PID by its start as the kernel counts it, whatever the wall clock did since. */
class ProcessIdentityTest {
    private Process sleeper;
    private ProcessIdentity recorded;

    @BeforeEach
    void startASleeper() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "the kernel's start ticks are read from /proc");
        sleeper = new ProcessBuilder("sleep", "30").start();
        recorded = ProcessIdentity.of(sleeper.toHandle()).orElseThrow();
    }

    @AfterEach
    void stopIt() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aRunningProcessIsKnownByItsKernelStart() {
        assertThat(recorded.startTicks()).isPositive();
        assertThat(recorded.alive()).isTrue();
        assertThat(recorded.handle()).map(ProcessHandle::pid).contains(sleeper.pid());
    }

    /**
     * Another JVM derives the start instant from the boot time it read when it started: after the
     * clock was set, the same process comes out a whole number of seconds off.
     */
    @Test
    void theClockSetSinceTheStartWasRecordedDoesNotMakeALiveProcessLookEnded() {
        ProcessIdentity readBeforeAClockStep = new ProcessIdentity(recorded.pid(), recorded.startedAt().minusSeconds(1),
                recorded.startTicks());

        assertThat(readBeforeAClockStep.alive()).isTrue();
        // The instant alone, as state files written before the ticks were recorded hold it, cannot tell.
        assertThat(new ProcessIdentity(recorded.pid(), recorded.startedAt().minusSeconds(1)).alive()).isFalse();
        assertThat(new ProcessIdentity(recorded.pid(), recorded.startedAt()).alive()).isTrue();
    }

    @Test
    void anotherProcessStartedUnderTheSamePidIsNotTheRecordedOne() {
        ProcessIdentity earlierHolderOfThePid = new ProcessIdentity(recorded.pid(), recorded.startedAt(), recorded.startTicks() - 1);

        assertThat(earlierHolderOfThePid.alive()).isFalse();
        assertThat(earlierHolderOfThePid.handle()).isEmpty();
    }

    @Test
    void anEndedProcessIsNotAliveAndStoppingItDoesNothing() throws Exception {
        sleeper.destroyForcibly().waitFor();

        assertThat(recorded.alive()).isFalse();
        assertThat(recorded.awaitExit(Duration.ZERO)).isTrue();
        recorded.stop(Duration.ofSeconds(1));
    }
}
