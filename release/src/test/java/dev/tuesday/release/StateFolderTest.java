package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.plan.ReleasePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One release at a time in a state folder, and a state file that is always whole. */
class StateFolderTest {
    @TempDir
    Path dir;

    private final Fakes fakes = new Fakes();

    private Release load(ReleasePlan plan) {
        return Release.configure().plan(plan).traffic(fakes.traffic).launcher(fakes.launcher).schemaChange(fakes.change)
                .stateDir(dir.resolve(".tuesday")).build();
    }

    @Test
    void aSecondReleaseInTheSameFolderIsRefusedUntilTheFirstLetsGo() {
        ReleasePlan plan = Plans.fake(dir, 1, "{ rolling: {} }", "");
        Release first = load(plan);

        assertThatThrownBy(() -> load(plan)).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("holds " + dir.resolve(".tuesday").resolve("release.lock"))
                .hasMessageContaining("one release at a time");
        assertThatThrownBy(() -> Release.contract(plan, dir.resolve(".tuesday"), fakes.change))
                .isInstanceOf(ReleaseException.class).hasMessageContaining("one release at a time");

        first.close();
        try (Release second = load(plan)) {
            assertThat(second.phase()).isEqualTo(Phase.PLANNED);
        }
    }

    @Test
    void concurrentWritersNeverFailAndLeaveAWholeStateFile() throws Exception {
        StateFile files = new StateFile(dir.resolve(".tuesday"));
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        files.write(state("writer " + writer + " #" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(files.read().orElseThrow().name()).startsWith("writer ");
        try (var left = Files.list(dir.resolve(".tuesday"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("release.json");
        }
    }

    private static ReleaseState state(String name) {
        ProcessIdentity self = ProcessIdentity.current();
        return new ReleaseState(name, "", "rolling", Phase.ROLL, "v1", "v2", 1, 1, List.of(), "", self.pid(),
                "2026-01-01T00:00:00Z", self.startedAt().toString(), self.startTicks());
    }
}
