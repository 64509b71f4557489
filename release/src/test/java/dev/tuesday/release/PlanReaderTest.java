package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tuesday.release.plan.HaproxySpec;
import dev.tuesday.release.plan.PlanException;
import dev.tuesday.release.plan.ReleasePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What YAML lets through silently is refused in a plan file, naming the field. */
class PlanReaderTest {
    @TempDir
    Path dir;

    private static final String VERSIONS = """
            from: { version: v1, command: "java -jar users.jar", instances: 3, ports: 9101-9110 }
            to: { version: v2, command: "java -jar users.jar", instances: 3, basePort: 9201 }
            """;

    private PlanException error(String yaml) {
        Path file = Plans.write(dir, yaml);
        return (PlanException) catchThrowable(() -> ReleasePlan.read(file));
    }

    @Test
    void refusesAKeyWrittenTwice() {
        PlanException e = error(VERSIONS + "drain: { timeout: 20s, timeout: 5s }\n");
        assertThat(e.field()).isEqualTo("drain.timeout");
        assertThat(e.getMessage()).contains("drain.timeout: is written twice in the same mapping");
    }

    @Test
    void refusesAnchorsAndAliasesNamingTheField() {
        PlanException anchor = error("""
                common: &common { instances: 3 }
                from: { version: v1, command: run }
                to: { version: v2, command: run }
                """);
        assertThat(anchor.getMessage()).contains("common: has the YAML anchor &common").contains("not supported");

        PlanException alias = error("""
                from: { version: v1, command: run, instances: 3 }
                to: { version: v2, command: run, env: { A: *nowhere } }
                """);
        assertThat(alias.getMessage()).contains("to.env.A").contains("alias *nowhere");
    }

    @Test
    void refusesAHugeDurationWithItsTextInsteadOfOverflowing() {
        PlanException e = error(VERSIONS + "drain: { timeout: 99999999999999999999h }\n");
        assertThat(e.field()).isEqualTo("drain.timeout");
        assertThat(e.getMessage()).contains("is longer than the longest duration").doesNotContain("overflow");
        assertThat(error(VERSIONS + "drain: { timeout: 2562047788015216h }\n").getMessage())
                .contains("drain.timeout: '2562047788015216h' is longer than the longest duration");
    }

    @Test
    void refusesAFileLargerThanOneMebibyte() throws Exception {
        Path file = Plans.write(dir, VERSIONS + "#" + "x".repeat(1024 * 1024) + "\n");
        assertThat(Files.size(file)).isGreaterThan(1024 * 1024);
        assertThat(catchThrowable(() -> ReleasePlan.read(file)).getMessage()).contains("larger than 1048576 bytes");
    }
    @Test
    void readsTheHaproxySectionWithTheSocketRelativeToThePlan() {
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, VERSIONS
                + "traffic: { haproxy: { socket: run/admin.sock, backend: app } }\n"));
        assertThat(plan.haproxy()).contains(new HaproxySpec(dir.resolve("run/admin.sock"), "app"));
        assertThat(plan.balancer()).isEmpty();
    }

    @Test
    void refusesATrafficSectionThatNamesNoHaproxyOrABalancerBeside() {
        assertThat(error(VERSIONS + "traffic: { nginx: {} }\n").getMessage()).contains("traffic.haproxy: is required");
        assertThat(error(VERSIONS + "traffic: { haproxy: { socket: a.sock } }\n").getMessage())
                .contains("traffic.haproxy.backend");
        assertThat(error(VERSIONS + "traffic: { haproxy: { socket: a.sock, backend: 'my app' } }\n").getMessage())
                .contains("traffic.haproxy").contains("is not an HAProxy name");
        assertThat(error(VERSIONS + "traffic: { haproxy: { socket: a.sock, backend: app } }\n"
                + "balancer: { admin: 'http://127.0.0.1:8081', token: t }\n").getMessage())
                .contains("traffic: cannot be given together with balancer");
    }
}
