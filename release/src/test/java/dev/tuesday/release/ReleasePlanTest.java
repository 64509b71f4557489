package dev.tuesday.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.release.plan.CanaryAnalysis;
import dev.tuesday.release.plan.CanaryStep;
import dev.tuesday.release.plan.ContractTiming;
import dev.tuesday.release.plan.DrainSpec;
import dev.tuesday.release.plan.PlanException;
import dev.tuesday.release.plan.PortRange;
import dev.tuesday.release.plan.ReadinessSpec;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.plan.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasePlanTest {
    @TempDir
    Path dir;

    private static final String VERSIONS = """
            from: { version: v1, command: "java -jar users.jar", instances: 3, ports: 9101-9110, schema: public_01_create_users }
            to: { version: v2, command: [java, -jar, users.jar], env: { USERS_VERSION: v2 }, instances: 3, basePort: 9201 }
            """;

    private PlanException error(String yaml) {
        Path file = Plans.write(dir, yaml);
        return (PlanException) org.assertj.core.api.Assertions.catchThrowable(() -> ReleasePlan.read(file));
    }

    @Test
    void readsEveryFieldOfAFullPlan() throws Exception {
        Files.writeString(dir.resolve("02_full_name.yaml"), "operations: []\n");
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, VERSIONS + """
                name: users
                database: { url: "jdbc:postgresql://127.0.0.1:5432/app", user: app, password: secret }
                migration: 02_full_name.yaml
                readiness: { path: /ready, deadline: 45s, poll: 100ms }
                drain: { timeout: 20s, grace: 5s }
                strategy:
                  canary:
                    instances: 2
                    steps: [ { weight: 10, pause: 30s }, { weight: 50, pause: 1m } ]
                    analysis: { maxErrorRateIncrease: 0.02, maxLatencyRatio: 2, latencyMargin: 20ms, minRequests: 100, initialDelay: 8s }
                contract: deferred
                """));

        assertThat(plan.name()).isEqualTo("users");
        assertThat(plan.database().orElseThrow().user()).contains("app");
        assertThat(plan.database().orElseThrow().schema()).isEqualTo("public");
        assertThat(plan.database().orElseThrow().toString()).doesNotContain("secret");
        assertThat(plan.migration()).contains(dir.resolve("02_full_name.yaml").toAbsolutePath());
        assertThat(plan.from().command()).containsExactly("java", "-jar", "users.jar");
        assertThat(plan.from().ports()).isEqualTo(new PortRange(9101, 9110));
        assertThat(plan.from().schema()).contains("public_01_create_users");
        assertThat(plan.to().env()).containsEntry("USERS_VERSION", "v2");
        assertThat(plan.to().ports().first()).isEqualTo(9201);
        assertThat(plan.to().schema()).isEmpty();
        assertThat(plan.readiness()).isEqualTo(new ReadinessSpec("/ready", Duration.ofSeconds(45), Duration.ofMillis(100)));
        assertThat(plan.drain()).isEqualTo(new DrainSpec(Duration.ofSeconds(20), Duration.ofSeconds(5)));
        assertThat(plan.strategy()).isEqualTo(new Strategy.Canary(2,
                List.of(new CanaryStep(10, Duration.ofSeconds(30)), new CanaryStep(50, Duration.ofMinutes(1))),
                new CanaryAnalysis(0.02, 2, Duration.ofMillis(20), 100, Duration.ofSeconds(8))));
        assertThat(plan.contract()).isEqualTo(ContractTiming.DEFERRED);
    }

    @Test
    void appliesTheDefaults() {
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, """
                from: { version: v1, command: run }
                to: { version: v2, command: run }
                """));
        assertThat(plan.name()).isEqualTo("v1 to v2");
        assertThat(plan.strategy()).isEqualTo(Strategy.Rolling.DEFAULTS);
        assertThat(plan.readiness()).isEqualTo(ReadinessSpec.DEFAULTS);
        assertThat(plan.drain()).isEqualTo(DrainSpec.DEFAULTS);
        assertThat(plan.contract()).isEqualTo(ContractTiming.AT_END);
        assertThat(plan.from().instances()).isEqualTo(1);
        assertThat(plan.from().ports()).isEqualTo(PortRange.ANY);
        assertThat(plan.migration()).isEqualTo(Optional.empty());
    }

    @Test
    void unknownFieldIsAnErrorNamingTheFileAndTheField() {
        PlanException e = error(VERSIONS + "strategy: { rolling: { maxSurge: 1, maxUnavailabel: 1 } }\n");
        assertThat(e.field()).isEqualTo("strategy.rolling.maxUnavailabel");
        assertThat(e.getMessage()).startsWith(dir.resolve("release.yaml").toString())
                .contains("strategy.rolling.maxUnavailabel: unknown field (did you mean \"maxUnavailable\"?) (known here: maxSurge, maxUnavailable)");
    }

    @Test
    void unknownTopLevelFieldIsAnError() {
        assertThat(error(VERSIONS + "stratgy: { rolling: {} }\n").field()).isEqualTo("stratgy");
    }

    @Test
    void badValuesNameTheirField() {
        assertThat(error(VERSIONS + "readiness: { deadline: soon }\n").getMessage())
                .contains("readiness.deadline: 'soon' is not a duration");
        assertThat(error(VERSIONS + "strategy: { rolling: { maxSurge: -1 } }\n").getMessage())
                .contains("strategy.rolling.maxSurge: must be at least 0, not -1");
        assertThat(error(VERSIONS + "strategy: { rolling: { maxSurge: 0, maxUnavailable: 0 } }\n").field())
                .isEqualTo("strategy.rolling.maxSurge");
        assertThat(error(VERSIONS + "strategy: { canary: { steps: [ { weight: 120, pause: 1s } ] } }\n").getMessage())
                .contains("strategy.canary.steps[0].weight: must be a percentage between 1 and 100, not 120");
        assertThat(error(VERSIONS + "strategy: { canary: { steps: [ { weight: 10 } ] } }\n").field())
                .isEqualTo("strategy.canary.steps[0].pause");
        assertThat(error(VERSIONS + "contract: later\n").getMessage()).contains("contract: must be atEnd or deferred");
        assertThat(error("from: { version: v1, command: run, instances: two }\nto: { version: v2, command: run }\n").field())
                .isEqualTo("from.instances");
        assertThat(error("from: { version: v1, command: run, ports: 9000-8000 }\nto: { version: v2, command: run }\n").field())
                .isEqualTo("from.ports");
    }

    @Test
    void aPlanMadeInCodeResolvesPathsAgainstItsFolderAndCanSwapItsStrategy() throws Exception {
        Files.writeString(dir.resolve("02_full_name.yaml"), "operations: []\n");
        ReleasePlan plan = ReleasePlan.parse(VERSIONS + "database: { url: \"jdbc:postgresql://h/db\" }\nmigration: 02_full_name.yaml\n", dir);
        assertThat(plan.source()).isEmpty();
        assertThat(plan.migration()).contains(dir.toAbsolutePath().resolve("02_full_name.yaml"));
        assertThat(plan.withStrategy(Strategy.BlueGreen.DEFAULTS).strategy()).isEqualTo(Strategy.BlueGreen.DEFAULTS);
        assertThatThrownBy(() -> ReleasePlan.parse("from: {}\n", dir)).isInstanceOf(PlanException.class)
                .hasMessage("plan: from.version: is required");
    }

    @Test
    void strategyMustNameExactlyOne() {
        assertThat(error(VERSIONS + "strategy: { rolling: {}, blueGreen: {} }\n").getMessage())
                .contains("strategy: must name exactly one of rolling, blueGreen, canary");
    }

    @Test
    void aMigrationNeedsADatabaseAndAnExistingFile() {
        assertThat(error(VERSIONS + "migration: missing.yaml\ndatabase: { url: \"jdbc:postgresql://h/db\" }\n").getMessage())
                .contains("migration: no such file");
        assertThat(error(VERSIONS + "migration: release.yaml\n").field()).isEqualTo("database");
    }

    @Test
    void missingSectionsAndBrokenYamlAreOneLineErrors() {
        assertThat(error("to: { version: v2, command: run }\n").getMessage()).endsWith("from: is required");
        assertThat(error("from: [\n").getMessage()).contains("not valid YAML");
        assertThatThrownBy(() -> ReleasePlan.read(dir.resolve("nope.yaml"))).hasMessageEndingWith("nope.yaml: no such file");
        assertThat(error("from: { version: v1, command: run }\nto: { version: v1, command: run }\n").getMessage())
                .contains("to.version: must differ from from.version");
    }

    @Test
    void dryRunListsThePhasesAndStepsWithoutRunningAnything() {
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, VERSIONS.replace("basePort: 9201", "basePort: 9201, schema: s2")
                + "strategy: { rolling: { maxSurge: 1 } }\n"));
        List<String> lines = Release.dryRun(plan);
        assertThat(lines.get(0)).contains("v1 x3 -> v2 x3, strategy rolling (maxSurge 1, maxUnavailable 0)");
        assertThat(lines).contains("1. expand: no migration", "   2.1 start 1 new instance (weight 100), wait until ready and in rotation",
                "   2.2 drain and stop 1 old instance", "3. contract: complete the migration");
        assertThat(lines).hasSize(3 + 6 + 2);
    }
}
