package dev.tuesday.release;

import static dev.tuesday.release.UsersRelease.MIGRATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.balancer.BackendView;
import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.traffic.BalancerTraffic;
import dev.tuesday.testsupport.TemporaryPostgres;
import dev.tuesday.testsupport.TestDatabase;
import dev.tuesday.testsupport.UsersReleasePlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuesday release} killed with {@code kill -9} at each phase — expand, each step of a
 * rolling roll, contract — and recovered, under a steady load through the balancer: the instances
 * it had not handed over die with it, {@code status} and {@code abort} see that it died,
 * {@code recover} brings the old version back with the migration rolled back (or, killed in its
 * contract, finishes the release) — once even after the recovery itself was killed — and the load
 * sees no failed request and loses no write.
 *
 * <p>The release and its recovery run as processes of their own ({@link ReleaseProcess}) that
 * drive the balancer of this JVM through its admin API, as {@code tuesday release} does.
 */
class ReleaseCrashRecoveryTest {
    private static final int RATE = Integer.getInteger("tuesday.release.test.crash-rate", 30);
    private static final String TOKEN = "crash-test-admin-token-" + ProcessHandle.current().pid();
    private static final String SERVICE_ENV = "DRAIN_DELAY: 2s, CHECK_TIMEOUT: 3s";
    private static final Pattern V2_STARTED = Pattern.compile("started v2-\\d+ ");
    private static final Pattern V2_READY = Pattern.compile("v2-\\d+ ready after");
    private static final Pattern V1_STARTED = Pattern.compile("started v1-\\d+ ");
    private static final Pattern V1_STOPPED = Pattern.compile("drained and stopped v1-\\d+");

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    @TempDir
    Path dir;

    private TestDatabase crash;
    private Balancer balancer;
    private SteadyLoad load;
    private Path state;
    private final List<ProcessIdentity> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        if (load != null) {
            load.stop();
        }
        if (state != null) {
            Release.status(state).ifPresent(s -> s.instances().forEach(i -> i.process().ifPresent(seen::add)));
        }
        for (ProcessIdentity process : seen) {
            process.handle().ifPresent(ProcessHandle::destroyForcibly);
        }
        if (balancer != null) {
            balancer.close();
        }
    }

    /**
     * One kill point: a description, the output that must have appeared when the release is
     * killed, whether the recovery finishes the release, and whether its first recovery is killed
     * too (once it started an old instance again).
     */
    private record KillPoint(String name, Predicate<List<String>> reached, boolean finishes, boolean recoveryKilled) {
        static KillPoint after(String name, Pattern pattern, int times) {
            return new KillPoint(name, seen(pattern, times), false, false);
        }

        static Predicate<List<String>> seen(Pattern pattern, int times) {
            return lines -> lines.stream().filter(l -> pattern.matcher(l).find()).count() >= times;
        }
    }

    @Test
    void releaseKilledAtEachPhaseIsRecoveredWithoutAFailedRequestOrALostWrite() throws Exception {
        crash = postgres.freshDatabase("crash", "app");
        DataSource database = crash.dataSource();
        Migrator.configure().dataSource(database).build().start(MIGRATIONS.resolve("01_create_users.yaml"), true);
        balancer = Balancer.configure().listen("127.0.0.1", 0).admin("127.0.0.1", 0, TOKEN)
                .health(new HealthSettings("/readyz", Duration.ofMillis(250), Duration.ofSeconds(4), 2, 2)).start();
        state = dir.resolve(".tuesday");
        String admin = "balancer: { admin: \"http://127.0.0.1:" + balancer.adminPort().orElseThrow() + "\", tokenEnv: TUESDAY_BALANCER_TOKEN }";
        Path plan = writePlan("release.yaml", admin);
        Path deployPlan = writePlan("deploy.yaml", "");
        deployV1(deployPlan);
        load = SteadyLoad.start(balancer.uri(), RATE, Duration.ofMinutes(8));
        Thread.sleep(1000);

        List<KillPoint> points = List.of(
                new KillPoint("expand", lines -> lines.stream().anyMatch(l -> l.startsWith("[expand]")), false, false),
                KillPoint.after("roll: starting the first v2", V2_STARTED, 1),
                KillPoint.after("roll: first v2 ready, first v1 draining", V2_READY, 1),
                KillPoint.after("roll: starting the second v2", V2_STARTED, 2),
                KillPoint.after("roll: second v2 ready, last v1 about to leave", V2_READY, 2),
                new KillPoint("roll: last v1 stopped", KillPoint.seen(V1_STOPPED, 2), false, true),
                new KillPoint("contract", lines -> lines.stream().anyMatch(l -> l.startsWith("[contract]")), true, false));
        for (KillPoint point : points) {
            System.out.printf("%tT.%<tL === kill at %s; load so far: %s%n", System.currentTimeMillis(), point.name(), load.summary());
            kill("run", plan, point.name(), point.reached());
            if (point.recoveryKilled()) {
                kill("recover", plan, "recovery of " + point.name(), KillPoint.seen(V1_STARTED, 1));
            }
            ReleaseState dead = Release.status(state).orElseThrow();
            assertThat(dead.inProgress()).as(point.name()).isTrue();
            assertThat(dead.ownerDied()).as(point.name()).isTrue();
            assertThat(dead.lines().get(0)).contains("tuesday release recover");
            assertThatThrownBy(() -> Release.abort(state)).isInstanceOf(ReleaseException.class).hasMessageContaining("recover");
            assertANewReleaseWaitsForTheRecovery(deployPlan);
            assertInstancesNotHandedOverDie(dead);

            List<String> recovery = runToEnd("recover", plan);
            assertThat(recovery).as(point.name()).anyMatch(l -> l.startsWith("outcome: "));
            ReleaseState after = Release.status(state).orElseThrow();
            String serving = point.finishes() ? "v2" : "v1";
            assertThat(after.phase()).as(point.name()).isEqualTo(point.finishes() ? Phase.DONE : Phase.ROLLED_BACK);
            assertThat(after.ownerDied()).isFalse();
            assertThat(servingVersions()).as(point.name()).containsOnly(serving);
            assertThat(after.instances()).as(point.name()).hasSize(2)
                    .allSatisfy(i -> {
                        assertThat(i.version()).isEqualTo(serving);
                        assertThat(i.process().orElseThrow().alive()).as(() -> whyNotAlive(i)).isTrue();
                    });
            dead.instances().stream().filter(i -> i.version().equals(point.finishes() ? "v1" : "v2"))
                    .forEach(i -> assertThat(i.process().orElseThrow().alive()).as(i.id() + " after " + point.name()).isFalse());
            MigrationStatus migration = Migrator.configure().dataSource(database).build().status();
            assertThat(migration.active()).as(point.name()).isEmpty();
            // Each earlier attempt is rolled back; killed early in its expand, one may not even be recorded.
            List<String> attempts = migration.history().stream().filter(e -> e.name().equals("02_full_name"))
                    .map(e -> e.status()).toList();
            if (point.finishes()) {
                assertThat(attempts).as(point.name()).last().isEqualTo("complete");
                assertThat(attempts.subList(0, attempts.size() - 1)).allMatch("rolled_back"::equals);
            } else {
                assertThat(attempts).as(point.name()).allMatch("rolled_back"::equals);
            }
            assertThat(versionSchemas(database)).as(point.name())
                    .containsExactly(point.finishes() ? "public_02_full_name" : "public_01_create_users");
        }
        Thread.sleep(1000);
        load.stop();
        System.out.println("load: " + load.summary());

        assertThat(load.failures()).isEmpty();
        assertThat(load.failed()).isZero();
        assertThat(load.writes()).isGreaterThan(100);
        assertEveryWriteReadsBack(database);
        // The release's process held the balancer's token; the instances it started never saw it.
        for (ReleaseState.InstanceState v2 : Release.status(state).orElseThrow().instances()) {
            String environ = Files.readString(Path.of("/proc", Long.toString(v2.pid()), "environ"), StandardCharsets.ISO_8859_1);
            assertThat(environ).contains("USERS_VERSION=v2").doesNotContain("TUESDAY_BALANCER_TOKEN").doesNotContain(TOKEN);
        }
    }

    /** v1 x2 started by a release of this JVM and handed over, as `tuesday release deploy` does. */
    private void deployV1(Path plan) {
        try (Release release = Release.configure().plan(ReleasePlan.read(plan)).traffic(BalancerTraffic.of(balancer))
                .stateDir(state).listener(e -> System.out.println("deploy: " + e.line())).build()) {
            release.deployFrom();
        }
    }

    /** A rerun before the recovery would re-expand under the dead release's instances: it is refused, untouched. */
    private void assertANewReleaseWaitsForTheRecovery(Path plan) {
        try (Release rerun = Release.configure().plan(ReleasePlan.read(plan)).traffic(BalancerTraffic.of(balancer))
                .stateDir(state).build()) {
            assertThatThrownBy(rerun::run).isInstanceOf(ReleaseException.class).hasMessageContaining("run `tuesday release recover` first");
            assertThatThrownBy(rerun::deployFrom).isInstanceOf(ReleaseException.class).hasMessageContaining("recover");
        }
    }

    private Path writePlan(String name, String balancerSection) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, UsersReleasePlan.of("users v1 to v2", crash, MIGRATIONS,
                UsersRelease.command("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
                .serviceEnv(SERVICE_ENV).drainTimeout("5s").more(balancerSection).yaml());
        // The plan holds the database password: readable by this user only.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Starts `tuesday release` (or its recovery) as a process, waits for the kill point, and kills it with SIGKILL. */
    private void kill(String mode, Path plan, String name, Predicate<List<String>> reached) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process release = start(mode, plan, lines);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!reached.test(lines)) {
            assertThat(release.isAlive()).as(mode + " ended before " + name + ": " + lines).isTrue();
            assertThat(System.nanoTime()).as(mode + " did not reach " + name + ": " + lines).isLessThan(until);
            Thread.sleep(5);
        }
        release.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        release.waitFor(10, TimeUnit.SECONDS);
        System.out.printf("%tT.%<tL killed %s at %s%n", System.currentTimeMillis(), mode, name);
        Release.status(state).ifPresent(s -> s.instances().forEach(i -> i.process().ifPresent(seen::add)));
    }

    private List<String> runToEnd(String mode, Path plan) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process process = start(mode, plan, lines);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(mode + " ended: " + lines).isTrue();
        assertThat(process.exitValue()).as(mode + ": " + lines).isZero();
        return lines;
    }

    private Process start(String mode, Path plan, List<String> lines) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ReleaseProcess.class.getName(), mode, plan.toString(), state.toString())
                .redirectErrorStream(true);
        builder.environment().put("TUESDAY_BALANCER_TOKEN", TOKEN);
        Process process = builder.start();
        process.getOutputStream().close();
        seen.add(ProcessIdentity.of(process.toHandle()).orElseThrow());
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    System.out.printf("%tT.%<tL %s: %s%n", System.currentTimeMillis(), mode, line);
                }
            } catch (IOException e) {
                // The process was killed.
            }
        });
        return process;
    }

    /** Every instance the dead release had not handed over ends within its grace period (and some margin). */
    private void assertInstancesNotHandedOverDie(ReleaseState dead) throws InterruptedException {
        List<ProcessIdentity> provisional = dead.instances().stream().filter(i -> !i.kept())
                .map(i -> i.process().orElseThrow()).toList();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (provisional.stream().anyMatch(ProcessIdentity::alive) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(provisional).allSatisfy(p -> assertThat(p.alive()).as(p + " outlived the release").isFalse());
    }

    /** What the system says of an instance that should run: for a failure's message. */
    private String whyNotAlive(ReleaseState.InstanceState instance) {
        ProcessIdentity recorded = instance.process().orElseThrow();
        String now = ProcessHandle.of(recorded.pid()).map(p -> "pid " + p.pid() + " runs, started "
                + p.info().startInstant().map(Object::toString).orElse("?")).orElse("no process has pid " + recorded.pid());
        Path log = state.resolve("logs").resolve(instance.id() + ".log");
        String tail;
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no log at " + log + ")");
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            tail = e.toString();
        }
        return instance.id() + " recorded as " + recorded + " (ticks " + recorded.startTicks() + "); " + now + "; its log ends:\n" + tail;
    }

    private static List<String> versionSchemas(DataSource database) throws Exception {
        return UsersDatabase.list(database, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'public\\_0%' ORDER BY 1");
    }

    private Set<String> servingVersions() {
        return Set.copyOf(balancer.backends().stream().map(BackendView::spec).map(s -> s.version()).toList());
    }

    private void assertEveryWriteReadsBack(DataSource database) throws Exception {
        UsersDatabase.assertEveryWriteReadsBack(database, load.acknowledged(), "full_name");
    }
}
