package dev.tuesday.release;

import static dev.tuesday.release.UsersRelease.MIGRATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.Migrator;
import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.plan.HaproxySpec;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.traffic.HaproxyTraffic;
import dev.tuesday.release.traffic.TrafficUnreachable;
import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import dev.tuesday.testsupport.UsersReleasePlan;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases of the real users service, v1 to v2 with the {@code name -> full_name} rename, with
 * the system's HAProxy as the traffic layer, driven through its runtime API, under a steady load
 * sent to HAProxy's frontend. Skipped when {@code haproxy} is not installed.
 */
class HaproxyReleaseTest {
    /** Requests per second of the steady load; {@code -Dtuesday.release.test.rate=N} on a crowded machine. */
    private static final int RATE = Integer.getInteger("tuesday.release.test.rate", 200);

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    @TempDir
    Path dir;

    private final List<ReleaseEvent> events = new CopyOnWriteArrayList<>();
    private HaproxyProcess haproxy;
    private HaproxyTraffic traffic;
    private Release release;
    private DataSource database;
    private SteadyLoad load;

    @BeforeAll
    static void needsHaproxy() {
        Assumptions.assumeTrue(HaproxyProcess.binary().isPresent(),
                "haproxy is not installed (apt-get install haproxy): the HAProxy release tests are skipped");
    }

    @AfterEach
    void stopEverything() {
        if (load != null) {
            load.stop();
        }
        if (release != null) {
            for (Instance instance : release.instances()) {
                instance.stop(Duration.ofSeconds(5));
            }
            release.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
    }

    @Test
    void connectingNamesTheSocketOrTheBackendThatIsWrong() throws Exception {
        haproxy = HaproxyProcess.start(dir.resolve("haproxy"));
        Path missing = dir.resolve("nowhere.sock");

        assertThatThrownBy(() -> HaproxyTraffic.connect(new HaproxySpec(missing, "app")))
                .isInstanceOf(TrafficUnreachable.class)
                .hasMessageContaining("cannot reach HAProxy's runtime API at " + missing)
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> HaproxyTraffic.connect(new HaproxySpec(haproxy.socket(), "nope")))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("has no backend 'nope'")
                .hasMessageNotContaining("\n");
        assertThat(HaproxyTraffic.connect(new HaproxySpec(haproxy.socket(), "app")).servers()).isEmpty();

        // A plan naming HAProxy is all a release needs (as on the command line): checked at load.
        String plan = """
                from: { version: v1, command: [x], schema: public_01_create_users }
                to: { version: v2, command: [x], schema: public_02_full_name }
                traffic: { haproxy: { socket: %s, backend: %s } }
                """;
        assertThatThrownBy(() -> Release.configure().plan(ReleasePlan.read(Plans.write(dir, plan.formatted(missing, "app"))))
                .stateDir(dir.resolve(".tuesday")).build())
                .isInstanceOf(TrafficUnreachable.class).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> Release.configure().plan(ReleasePlan.read(Plans.write(dir, plan.formatted(haproxy.socket(), "nope"))))
                .stateDir(dir.resolve(".tuesday")).build())
                .isInstanceOf(ReleaseException.class).hasMessageContaining("has no backend 'nope'");
    }

    @Test
    void rollingReleaseThroughHaproxyUnderLoadFailsNoRequest() throws Exception {
        deployV1("{ rolling: { maxSurge: 1, maxUnavailable: 0 } }", Map.of(), event -> { });

        ReleaseOutcome outcome = releaseUnderLoad();

        assertThat(outcome).isEqualTo(new ReleaseOutcome.Completed(true));
        assertThat(load.failures()).isEmpty();
        assertThat(load.failed()).isZero();
        assertThat(load.rate()).isGreaterThanOrEqualTo(0.8 * RATE);
        assertThat(traffic.servers()).extracting(HaproxyTraffic.Server::version).containsOnly("v2");
        assertThat(traffic.servers()).extracting(HaproxyTraffic.Server::status).containsOnly("UP");
        assertThat(columns()).contains("full_name").doesNotContain("name");
    }

    @Test
    void blueGreenReleaseFromThePlanAloneUnderLoadFailsNoRequest() throws Exception {
        deployV1("{ blueGreen: { keepOld: 2s } }", Map.of(), event -> { });
        // As the command line does it: a release that knows only the plan finds v1 among
        // HAProxy's servers (launched and recorded by the deploy in the same state folder).
        ReleasePlan plan = release.plan();
        release.close();
        release = Release.configure().plan(plan).stateDir(dir.resolve(".tuesday"))
                .listener(event -> System.out.printf("%tT.%<tL %s%n", System.currentTimeMillis(), event.line())).build();
        assertThat(release.instances()).extracting(Instance::id).containsExactlyInAnyOrder("v1-1", "v1-2");

        ReleaseOutcome outcome = releaseUnderLoad();

        assertThat(outcome).isEqualTo(new ReleaseOutcome.Completed(true));
        assertThat(load.failures()).isEmpty();
        assertThat(load.failed()).isZero();
        assertThat(traffic.servers()).extracting(HaproxyTraffic.Server::version).containsOnly("v2");
    }

    @Test
    void canaryFailingOneRequestInFiveIsCaughtFromHaproxyCountersAndRolledBack() throws Exception {
        ReleaseOutcome.RolledBack rolledBack = canaryUnderLoadRolledBackByAnalysis(Map.of("USERS_FAIL_RATE", "0.2"));

        assertThat(rolledBack.analysis()).hasSize(1);
        AnalysisVerdict verdict = rolledBack.analysis().get(0);
        assertThat(verdict.canary().errorRate()).isBetween(0.08, 0.35);
        assertThat(verdict.baseline().failures()).isZero();
        System.out.printf("canary analysis window: %d canary requests, %d failed; the load saw %d failed of %d%n",
                verdict.canary().requests(), verdict.canary().failures(), load.failed(), load.sent());
        assertThat(load.failed()).isPositive().isLessThanOrEqualTo(verdict.canary().failures() * 3 / 2 + 10);
        assertThat(load.failures()).allSatisfy(f -> assertThat(f).contains(": 500 "));
        assertThat(traffic.servers()).extracting(HaproxyTraffic.Server::version).containsOnly("v1");
        assertThat(schemas()).contains("public_01_create_users").doesNotContain("public_02_full_name");
        assertThat(columns()).contains("name").doesNotContain("full_name");
    }

    @Test
    void canarySlowerOnEveryRequestIsCaughtFromHaproxyAverageResponseTime() throws Exception {
        ReleaseOutcome.RolledBack rolledBack = canaryUnderLoadRolledBackByAnalysis(Map.of("USERS_DELAY", "300ms"));

        AnalysisVerdict verdict = rolledBack.analysis().get(0);
        assertThat(verdict.reason()).startsWith("p99 ");
        assertThat(verdict.canary().p99Millis()).isGreaterThanOrEqualTo(250);
        assertThat(verdict.canary().failures()).isZero();
        assertThat(load.failed()).isZero();
        assertThat(traffic.servers()).extracting(HaproxyTraffic.Server::version).containsOnly("v1");
        assertThat(schemas()).doesNotContain("public_02_full_name");
    }

    @Test
    void haproxyGoneMidReleaseAbortsToTheOldVersionAndRollsTheMigrationBack() throws Exception {
        deployV1("{ rolling: { maxSurge: 1, maxUnavailable: 0 } }", Map.of(), killHaproxyAt(
                event -> event instanceof ReleaseEvent.InstanceStarted started && started.version().equals("v2")));
        List<Instance> v1 = release.instances();

        ReleaseOutcome outcome = release.run();

        AbortReason reason = ((ReleaseOutcome.RolledBack) outcome).reason();
        assertThat(reason).isInstanceOf(AbortReason.StepFailed.class);
        assertThat(reason.describe()).contains("cannot reach HAProxy's runtime API at " + haproxy.socket()).doesNotContain("\n");
        assertThat(release.instances()).containsExactlyElementsOf(v1);
        assertThat(v1).allSatisfy(instance -> assertThat(instance.exitCode()).isEmpty());
        assertThat(events).filteredOn(ReleaseEvent.InstanceStopped.class::isInstance)
                .extracting(e -> ((ReleaseEvent.InstanceStopped) e).id()).containsExactly("v2-1");
        assertThat(schemas()).doesNotContain("public_02_full_name");
        assertThat(columns()).contains("name").doesNotContain("full_name");
    }

    @Test
    void haproxyGoneOnceTheCanaryTakesTrafficStillStopsTheCanaryAndRollsTheMigrationBack() throws Exception {
        deployV1("{ canary: { steps: [ { weight: 20, pause: 4s } ] } }", Map.of(), killHaproxyAt(
                event -> event instanceof ReleaseEvent.WeightsChanged changed && changed.weights().getOrDefault("v2-1", 0) > 0));
        List<Instance> v1 = release.instances();

        ReleaseOutcome outcome = release.run();

        assertThat(((ReleaseOutcome.RolledBack) outcome).reason().describe())
                .contains("cannot reach HAProxy's runtime API at " + haproxy.socket());
        assertThat(events).filteredOn(ReleaseEvent.PhaseStarted.class::isInstance).map(ReleaseEvent::line)
                .anySatisfy(line -> assertThat(line).contains("[rolled-back] v1 runs; migration rolled back;"
                        + " the balancer did not answer, put v1 back in its rotation once it is back"));
        assertThat(release.instances()).containsExactlyElementsOf(v1);
        assertThat(events).filteredOn(ReleaseEvent.InstanceStopped.class::isInstance)
                .extracting(e -> ((ReleaseEvent.InstanceStopped) e).id()).containsExactly("v2-1");
        assertThat(schemas()).doesNotContain("public_02_full_name");
    }

    /**
     * Deploys v1, then releases to a v2 with {@code v2Env} by a canary of two 6 s steps under
     * load: the release must end rolled back because the canary's analysis failed.
     */
    private ReleaseOutcome.RolledBack canaryUnderLoadRolledBackByAnalysis(Map<String, String> v2Env) throws Exception {
        deployV1("{ canary: { steps: [ { weight: 20, pause: 6s }, { weight: 50, pause: 6s } ] } }", v2Env, event -> { });
        ReleaseOutcome outcome = releaseUnderLoad();
        assertThat(outcome).isInstanceOf(ReleaseOutcome.RolledBack.class);
        ReleaseOutcome.RolledBack rolledBack = (ReleaseOutcome.RolledBack) outcome;
        assertThat(rolledBack.reason()).isInstanceOf(AbortReason.AnalysisFailed.class);
        return rolledBack;
    }

    /** Kills HAProxy at each release event {@code when} accepts. */
    private Consumer<ReleaseEvent> killHaproxyAt(Predicate<ReleaseEvent> when) {
        return event -> {
            if (when.test(event)) {
                try {
                    haproxy.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** A fresh database with the first migration, HAProxy, and v1 x2 as its servers; the plan names HAProxy. */
    private void deployV1(String strategy, Map<String, String> v2Env, Consumer<ReleaseEvent> also) throws Exception {
        TestDatabase db = postgres.freshDatabase("haproxy", "app");
        database = db.dataSource();
        Migrator.configure().dataSource(database).build().start(MIGRATIONS.resolve("01_create_users.yaml"), true);
        haproxy = HaproxyProcess.start(dir.resolve("haproxy"));
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, UsersReleasePlan.of("users v1 to v2 through haproxy", db, MIGRATIONS,
                UsersRelease.command("-Xmx128m", "-XX:+UseSerialGC")).v2Env(v2Env).strategy(strategy)
                .more("traffic: { haproxy: { socket: haproxy/admin.sock, backend: app } }").yaml()));
        assertThat(plan.haproxy()).contains(new HaproxySpec(haproxy.socket(), "app"));
        traffic = HaproxyTraffic.connect(plan.haproxy().orElseThrow());
        release = Release.configure().plan(plan).traffic(traffic).stateDir(dir.resolve(".tuesday"))
                .listener(event -> {
                    events.add(event);
                    System.out.printf("%tT.%<tL %s%n", System.currentTimeMillis(), event.line());
                    also.accept(event);
                }).build();
        release.deployFrom();
    }

    /** Runs the release under load sent to HAProxy: 2 s of load before, the release, 1 s after. */
    private ReleaseOutcome releaseUnderLoad() throws InterruptedException {
        load = SteadyLoad.start(haproxy.uri(), RATE, Duration.ofMinutes(3));
        Thread.sleep(2000);
        ReleaseOutcome outcome = release.run();
        Thread.sleep(1000);
        load.stop();
        System.out.println("load through haproxy: " + load.summary());
        return outcome;
    }

    private List<String> columns() throws SQLException {
        return UsersDatabase.columns(database);
    }

    private List<String> schemas() throws SQLException {
        return UsersDatabase.schemas(database);
    }
}
