package dev.tuesday.release;

import static dev.tuesday.release.UsersRelease.MIGRATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.balancer.BackendView;
import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.traffic.BalancerTraffic;
import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import dev.tuesday.testsupport.UsersReleasePlan;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases of the real users service, v1 to v2 with the {@code name -> full_name} rename, as
 * child processes behind the real balancer, on a real PostgreSQL, under a steady mixed load of
 * 250 requests per second on loopback for the whole release.
 */
class ReleaseEndToEndTest {
    /**
     * Requests per second of the steady load; the issue asks for at least 200. A crowded machine
     * that cannot serve it can run the same tests slower with {@code -Dtuesday.release.test.rate=N}:
     * every other assertion stays the same.
     */
    private static final int RATE = Integer.getInteger("tuesday.release.test.rate", 250);

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    @TempDir
    Path dir;

    private final List<ReleaseEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Balancer balancer;
    private Release release;
    private DataSource database;
    private SteadyLoad load;

    @AfterEach
    void stopEverything() {
        if (load != null) {
            load.stop();
        }
        if (release != null) {
            for (Instance instance : release.instances()) {
                instance.stop(Duration.ofSeconds(5));
            }
        }
        if (balancer != null) {
            balancer.close();
        }
    }

    /** A fresh database with the first migration applied, a balancer, and v1 x2 in rotation. */
    private void deployV1(String strategy, Map<String, String> v2Env, String extra) {
        TestDatabase db = postgres.freshDatabase("release", "app");
        database = db.dataSource();
        Migrator.configure().dataSource(database).build().start(MIGRATIONS.resolve("01_create_users.yaml"), true);
        balancer = Balancer.configure().listen("127.0.0.1", 0)
                .health(new HealthSettings("/readyz", Duration.ofMillis(250), Duration.ofSeconds(4), 2, 3)).start();
        ReleasePlan plan = ReleasePlan.read(Plans.write(dir, UsersReleasePlan.of("users v1 to v2", db, MIGRATIONS,
                UsersRelease.command("-Xmx128m", "-XX:+UseSerialGC")).v2Env(v2Env).strategy(strategy).more(extra)
                .readinessDeadline(v2Env.containsKey("USERS_NEVER_READY") ? "40s" : "90s").yaml()));
        release = Release.configure().plan(plan).traffic(BalancerTraffic.of(balancer)).stateDir(dir.resolve(".tuesday"))
                .listener(event -> {
                    events.add(event);
                    System.out.printf("%tT.%<tL %s%n", System.currentTimeMillis(), event.line());
                }).build();
        release.deployFrom();
    }

    /** Runs the release under load: 2 s of load before, the release, 1 s after. */
    private ReleaseOutcome releaseUnderLoad() throws InterruptedException {
        load = SteadyLoad.start(balancer.uri(), RATE, Duration.ofMinutes(3));
        System.out.printf("%tT.%<tL load started%n", System.currentTimeMillis());
        Thread.sleep(2000);
        ReleaseOutcome outcome = release.run();
        Thread.sleep(1000);
        load.stop();
        System.out.println("load: " + load.summary());
        return outcome;
    }

    @Test
    void rollingReleaseUnderLoadFailsNoRequestAndEveryWriteReadsBackUnderV2Names() throws Exception {
        deployV1("{ rolling: { maxSurge: 1, maxUnavailable: 0 } }", Map.of(), "");

        ReleaseOutcome outcome = releaseUnderLoad();

        assertThat(outcome).isEqualTo(new ReleaseOutcome.Completed(true));
        assertThat(load.failures()).isEmpty();
        assertThat(load.failed()).isZero();
        assertThat(load.rate()).isGreaterThanOrEqualTo(0.8 * RATE);
        assertThat(load.writes()).isGreaterThan(100);
        assertThat(servingVersions()).containsOnly("v2");
        assertThat(columns()).contains("full_name").doesNotContain("name");
        assertEveryWriteReadsBack("full_name");
    }

    @Test
    void blueGreenReleaseUnderLoadFailsNoRequest() throws Exception {
        deployV1("{ blueGreen: { keepOld: 2s } }", Map.of(), "");

        ReleaseOutcome outcome = releaseUnderLoad();

        assertThat(outcome).isEqualTo(new ReleaseOutcome.Completed(true));
        assertThat(load.failures()).isEmpty();
        assertThat(load.failed()).isZero();
        assertThat(load.rate()).isGreaterThanOrEqualTo(0.8 * RATE);
        assertThat(servingVersions()).containsOnly("v2");
        assertEveryWriteReadsBack("full_name");
    }

    @Test
    void canaryThatFailsOneRequestInFiveIsAbortedAtTheFirstStepAndV1KeepsItsData() throws Exception {
        deployV1("{ canary: { steps: [ { weight: 20, pause: 6s }, { weight: 50, pause: 6s } ] } }",
                Map.of("USERS_FAIL_RATE", "0.2"), "");

        ReleaseOutcome outcome = releaseUnderLoad();

        ReleaseOutcome.RolledBack rolledBack = (ReleaseOutcome.RolledBack) outcome;
        assertThat(rolledBack.reason()).isInstanceOf(AbortReason.AnalysisFailed.class);
        AnalysisVerdict verdict = rolledBack.analysis().get(0);
        assertThat(rolledBack.analysis()).hasSize(1);
        assertThat(verdict.step()).isZero();
        assertThat(verdict.canary().errorRate()).isBetween(0.08, 0.35);
        System.out.printf("canary analysis window: %d canary requests, %d failed; the load saw %d failed of %d%n",
                verdict.canary().requests(), verdict.canary().failures(), load.failed(), load.sent());
        // Every failure the load saw is the canary's: the window's, plus those in flight when it closed.
        assertThat(load.failed()).isPositive().isLessThanOrEqualTo(verdict.canary().failures() * 3 / 2 + 10);
        assertThat(load.failures()).allSatisfy(f -> assertThat(f).contains(": 500 "));
        assertThat(servingVersions()).containsOnly("v1");
        assertThat(balancer.backends()).allSatisfy(b -> assertThat(b.spec().weight()).isEqualTo(100));
        assertThat(schemas()).contains("public_01_create_users").doesNotContain("public_02_full_name");
        assertThat(columns()).contains("name").doesNotContain("full_name");
        assertEveryWriteReadsBack("name");
    }

    @Test
    void newVersionThatNeverBecomesReadyIsAbortedBeforeAnyV1InstanceStops() throws Exception {
        deployV1("{ rolling: { maxSurge: 1, maxUnavailable: 0 } }", Map.of("USERS_NEVER_READY", "true"), "");
        List<Instance> v1 = release.instances();

        ReleaseOutcome outcome = releaseUnderLoad();

        assertThat(((ReleaseOutcome.RolledBack) outcome).reason()).isInstanceOf(AbortReason.NotReady.class);
        assertThat(events).filteredOn(ReleaseEvent.InstanceStopped.class::isInstance)
                .extracting(e -> ((ReleaseEvent.InstanceStopped) e).id()).containsExactly("v2-1");
        assertThat(v1).allSatisfy(instance -> assertThat(instance.exitCode()).isEmpty());
        assertThat(release.instances()).containsExactlyElementsOf(v1);
        assertThat(load.failures()).isEmpty();
        assertThat(load.failed()).isZero();
        assertThat(servingVersions()).containsOnly("v1");
        assertThat(schemas()).doesNotContain("public_02_full_name");
        assertEveryWriteReadsBack("name");
    }

    private List<String> servingVersions() {
        return balancer.backends().stream().map(BackendView::spec).map(s -> s.version()).distinct().toList();
    }

    private void assertEveryWriteReadsBack(String column) throws SQLException {
        UsersDatabase.assertEveryWriteReadsBack(database, load.acknowledged(), column);
    }

    private List<String> columns() throws SQLException {
        return UsersDatabase.columns(database);
    }

    private List<String> schemas() throws SQLException {
        return UsersDatabase.schemas(database);
    }
}
