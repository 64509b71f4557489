import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.common.Durations;
import dev.tuesday.drill.Drill;
import dev.tuesday.drill.DrillResult;
import dev.tuesday.drill.FailureKind;
import dev.tuesday.drill.RunningDrill;
import dev.tuesday.drill.Second;
import dev.tuesday.drill.Verdict;
import dev.tuesday.drill.Workload;
import dev.tuesday.embedded.PostgresServer;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.release.Phase;
import dev.tuesday.release.Release;
import dev.tuesday.release.ReleaseEvent;
import dev.tuesday.release.ReleaseOutcome;
import dev.tuesday.release.ReleaseState;
import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.plan.ReleasePlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The soak: the users service behind Tuesday's balancer under a steady open-loop load (mixed reads
 * and writes, every write read back at the end) through consecutive releases — rolling, blue-green
 * and canary in turn, each with a migration that keeps the chain going (the running example's
 * rename back and forth, and column additions between) — with faults on a schedule: a serving
 * instance killed with SIGKILL mid-roll, a canary too slow to pass its analysis, which must abort
 * and roll its migration back, and {@code tuesday release} itself killed with SIGKILL (in its
 * expand, its roll or its contract, under each strategy in turn) and finished by
 * {@code tuesday release recover}. Every release drives the balancer through its admin API and
 * keeps its state in one folder, as the command does; the killed ones run as the command itself.
 * It stops by itself once the load has sent its requests and the minimum number of releases is
 * done, and prints one line per release and the verdict.
 *
 * <p>Arguments: requests (default 1,000,000), rate in requests/s (300), minimum releases (20),
 * instances per version (2), steady load between two releases (15s). Exit code 0 when no request failed except those in flight on a killed
 * instance (listed by kind), and no write was lost.
 */
public final class Soak {

    private static final String ROLE = "app";
    private static final String SERVICE_ENV = "DRAIN_DELAY: 1s, DRAIN_TIMEOUT: 10s, CHECK_TIMEOUT: 3s, POOL_SIZE: 4";

    record Step(int number, String strategy, String fault, String migration, boolean rolledBack, Duration took,
            long sentSoFar, long failedSoFar) {
        String line() {
            return String.format("release %3d  %-10s  %-26s  %-32s  %-12s  %5.1f s  %,d requests sent, %,d failed",
                    number, strategy, migration, fault.isEmpty() ? "-" : fault,
                    rolledBack ? "rolled back" : "completed", took.toMillis() / 1000.0, sentSoFar, failedSoFar);
        }
    }

    /** Where every release keeps its state: the instances serving now are read from it. */
    private static volatile Path state;

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopRecorded(Duration.ofSeconds(5))));
        long requests = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int minReleases = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Duration pause = args.length > 4 ? Durations.parse(args[4]) : Duration.ofSeconds(15);
        Path root = Path.of("").toAbsolutePath();
        Path jar = root.resolve("examples/users-service/target/users-service.jar");
        Path work = Files.createTempDirectory("tuesday-soak");
        state = work.resolve("state");
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Duration longest = Duration.ofSeconds(requests / rate + 3600);
        System.out.printf("soak: %,d requests at %d/s (about %d min), at least %d releases, %d instances per version%n",
                requests, rate, requests / rate / 60, minReleases, instances);

        try (PostgresServer server = PostgresServer.temporary(0)) {
            DataSource ds = server.createDatabase("soak", ROLE);
            Path migrations = Files.createDirectories(work.resolve("migrations"));
            Path first = migrations.resolve("01_create_users.yaml");
            Files.copy(root.resolve("examples/users-service/migrations/01_create_users.yaml"), first);
            Migrator.configure().dataSource(ds).build().start(first, true);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO public.users (name, email) SELECT 'user ' || g, 'user' || g || '@example.com'"
                        + " FROM generate_series(1, 20000) g");
            }
            try (Balancer balancer = Balancer.configure().listen("127.0.0.1", 0).admin("127.0.0.1", 0, token)
                    .health(new HealthSettings("/readyz", Duration.ofMillis(250), Duration.ofSeconds(4), 2, 3)).start()) {
                String admin = "balancer: { admin: \"http://127.0.0.1:" + balancer.adminPort().orElseThrow()
                        + "\", token: '" + token + "' }";
                Chain chain = new Chain(migrations, "public_01_create_users", "v1", "name", admin);
                try (Release deploy = Release.configure().plan(chain.plan(jar, server, instances, null, "rolling", ""))
                        .stateDir(state).build()) {
                    deploy.deployFrom();
                }
                RunningDrill load = Drill.configure().target(balancer.uri()).rate(rate).duration(longest)
                        .workload(Workload.users()).timeout(Duration.ofSeconds(10))
                        .verifyTimeout(verifyTimeout(requests)).build().start();
                List<Step> steps = new ArrayList<>();
                List<Duration> kills = new CopyOnWriteArrayList<>();
                List<Duration> starts = new ArrayList<>();
                Map<String, Integer> faults = new java.util.TreeMap<>();
                int number = 0;
                while (load.progress().sent() < requests || steps.size() < minReleases) {
                    number++;
                    String strategy = List.of("rolling", "blue-green", "canary").get((number - 1) % 3);
                    String fault = switch (number % 6) {
                        case 2 -> {
                            strategy = List.of("rolling", "blue-green", "canary").get(number / 6 % 3);
                            yield "kill -9 a serving v" + chain.version.substring(1);
                        }
                        case 3 -> "slow canary (aborts)";
                        case 5 -> {
                            int k = number / 6;
                            strategy = List.of("rolling", "blue-green", "canary").get(k % 3);
                            yield "kill -9 release in " + List.of("expand", "roll", "contract").get(k / 3 % 3);
                        }
                        default -> "";
                    };
                    if (fault.startsWith("slow")) {
                        strategy = "canary";
                    }
                    Path migration = chain.next(number);
                    Instant began = Instant.now();
                    starts.add(Duration.between(load.started(), began));
                    boolean rolledBack;
                    String injected = fault;
                    if (fault.startsWith("kill -9 release")) {
                        String point = fault.substring(fault.lastIndexOf(' ') + 1);
                        Path planFile = chain.planFile(jar, server, instances, migration, strategy, "release-" + number + ".yaml");
                        boolean killed = killReleaseAndRecover(planFile, point, chain.toLabel());
                        rolledBack = Release.status(state).orElseThrow().phase() == Phase.ROLLED_BACK;
                        String outcome = Release.status(state).map(ReleaseState::outcome).orElse("no state");
                        if (!killed) {
                            // A canary analysis may end the release before the kill point: no fault then.
                            System.out.println("soak: release " + number + " ended before its " + point + ": " + outcome);
                            injected = "";
                        } else if (rolledBack == point.equals("contract")) {
                            System.out.println("soak: release " + number + " recovered unexpectedly: " + outcome);
                        }
                    } else {
                        ReleasePlan plan = chain.plan(jar, server, instances, migration, strategy, fault);
                        AtomicBoolean killed = new AtomicBoolean();
                        List<ProcessIdentity> before = recorded(chain.fromLabel());
                        try (Release release = Release.configure().plan(plan).stateDir(state)
                                .listener(event -> {
                                    if (fault.startsWith("kill") && event instanceof ReleaseEvent.InstanceReady
                                            && killed.compareAndSet(false, true)) {
                                        kills.add(Duration.between(load.started(), Instant.now()));
                                        before.getLast().handle().ifPresent(ProcessHandle::destroyForcibly);
                                    }
                                }).build()) {
                            ReleaseOutcome outcome = release.run();
                            rolledBack = outcome instanceof ReleaseOutcome.RolledBack;
                            if (fault.startsWith("slow") != rolledBack) {
                                System.out.println("soak: release " + number + " ended unexpectedly: " + outcome.describe());
                            }
                        }
                    }
                    if (!injected.isEmpty()) {
                        faults.merge(injected.replaceAll(" v[0-9]+", ""), 1, Integer::sum);
                    }
                    if (rolledBack) {
                        chain.undo();
                    } else {
                        chain.done();
                    }
                    Step step = new Step(number, strategy, injected, migration.getFileName().toString(), rolledBack,
                            Duration.between(began, Instant.now()), load.progress().sent(),
                            load.progress().failedTotal());
                    steps.add(step);
                    System.out.println(step.line());
                    Thread.sleep(pause);
                }
                DrillResult result = load.stop();
                stopRecorded(Duration.ofSeconds(10));
                Verdict v = result.verdict();
                System.out.println();
                System.out.printf("requests %,d  failed %,d %s  p50 %d ms  p99 %d ms  max %d ms%n", v.requests(),
                        v.failedTotal(), v.failed(), v.p50().toMillis(), v.p99().toMillis(), v.max().toMillis());
                System.out.printf("writes %,d  lost %,d  unverified %,d%n", v.rowsWritten(), v.lostWrites(),
                        v.unverified());
                System.out.printf("releases %d (%d completed, %d rolled back)  faults %s%n", steps.size(),
                        steps.stream().filter(s -> !s.rolledBack()).count(),
                        steps.stream().filter(Step::rolledBack).count(), faults);
                // A request in flight on an instance killed with SIGKILL is lost with it; the balancer
                // retries the idempotent ones, so only writes may fail there. They are counted and
                // listed apart: failures in the seconds around a kill, of the kinds a dead peer gives.
                long inKillWindows = result.timeline().stream()
                        .filter(sec -> kills.stream().anyMatch(k -> sec.offset() >= k.toSeconds() - 1
                                && sec.offset() <= k.toSeconds() + 2))
                        .mapToLong(sec -> sec.failed().entrySet().stream()
                                .filter(e -> e.getKey() == FailureKind.SERVER_ERROR || e.getKey() == FailureKind.RESET
                                        || e.getKey() == FailureKind.REFUSED)
                                .mapToLong(Map.Entry::getValue).sum())
                        .sum();
                boolean readsLost = result.samples().stream().anyMatch(sample -> sample.request().startsWith("GET ")
                        && kills.stream().anyMatch(k -> Math.abs(sample.offset().minus(k).toSeconds()) <= 2));
                result.samples().stream().limit(20).forEach(sample -> System.out.println("  failed: " + sample));
                printUnexplained(result.timeline(), kills, steps, starts);
                System.out.printf("failed in flight on a killed instance (writes, not retried): %,d%n", inKillWindows);
                boolean clean = v.failedTotal() - inKillWindows == 0 && !readsLost && v.lostWrites() == 0
                        && v.unverified() == 0;
                System.out.println(clean ? "soak: PASS" : "soak: FAIL");
                System.exit(clean ? 0 : 1);
            }
        }
    }

    /**
     * Prints the failures no kill explains, by the release during which (or in the pause after
     * which) they came, with their kinds and seconds, so that a FAIL can be read from the output.
     */
    private static void printUnexplained(List<Second> timeline, List<Duration> kills, List<Step> steps, List<Duration> starts) {
        for (int i = 0; i < steps.size(); i++) {
            long from = starts.get(i).toSeconds();
            long to = i + 1 < starts.size() ? starts.get(i + 1).toSeconds() : Long.MAX_VALUE;
            Map<FailureKind, Long> kinds = new java.util.TreeMap<>();
            List<Long> seconds = new ArrayList<>();
            for (Second sec : timeline) {
                boolean killed = kills.stream().anyMatch(k -> sec.offset() >= k.toSeconds() - 1 && sec.offset() <= k.toSeconds() + 2);
                if (sec.offset() >= from && sec.offset() < to && !killed && !sec.failed().isEmpty()) {
                    sec.failed().forEach((kind, n) -> kinds.merge(kind, n, Long::sum));
                    seconds.add(sec.offset());
                }
            }
            if (!kinds.isEmpty()) {
                System.out.printf("  not explained by a kill, release %d (%s%s, began at %d s): %s at seconds %s%n",
                        steps.get(i).number(), steps.get(i).strategy(),
                        steps.get(i).fault().isEmpty() ? "" : ", " + steps.get(i).fault(), from, kinds, seconds);
            }
        }
    }

    /**
     * The final read-back of every write: a quarter of the requests are writes, read back one by
     * one at about 1,500 a second through the balancer, so the drill's 60 s is too short past
     * 250,000 requests (a million left 144,303 rows unverified).
     */
    private static Duration verifyTimeout(long requests) {
        return Duration.ofSeconds(Math.clamp(requests / 1_000, 60, 3_600));
    }

    /**
     * Runs {@code tuesday release PLAN} as its own process, kills it with SIGKILL once it reached
     * {@code point} (expand, roll: its first new instance started, or contract), then runs
     * {@code tuesday release recover} to its end.
     *
     * @return whether it was killed: false when the release ended by itself before {@code point}
     */
    private static boolean killReleaseAndRecover(Path plan, String point, String toLabel) throws Exception {
        Predicate<String> reached = switch (point) {
            case "expand" -> line -> line.startsWith("[expand]");
            case "roll" -> line -> line.startsWith("  started " + toLabel + "-");
            default -> line -> line.startsWith("[contract]");
        };
        List<String> lines = new CopyOnWriteArrayList<>();
        Process release = tuesday(lines, "release", plan.toString(), "--state-dir", state.toString());
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (lines.stream().noneMatch(reached)) {
            if (!release.isAlive()) {
                return false;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("tuesday release did not reach its " + point + ": " + lines);
            }
            Thread.sleep(5);
        }
        release.destroyForcibly();
        release.waitFor(10, TimeUnit.SECONDS);
        List<String> recovery = new CopyOnWriteArrayList<>();
        Process recover = tuesday(recovery, "release", "recover", plan.toString(), "--state-dir", state.toString());
        if (!recover.waitFor(5, TimeUnit.MINUTES) || recover.exitValue() != 0) {
            recover.destroyForcibly();
            throw new IllegalStateException("tuesday release recover failed: " + recovery);
        }
        return true;
    }

    /** Starts the command line ({@code tuesday ARGS}, on this program's class path), its output collected in {@code lines}. */
    private static Process tuesday(List<String> lines, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.tuesday.cli.Tuesday"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process was killed.
            }
        });
        return process;
    }

    /** The live processes the releases recorded for {@code version}, oldest first. */
    private static List<ProcessIdentity> recorded(String version) {
        return Release.status(state).map(ReleaseState::instances).orElse(List.of()).stream()
                .filter(i -> i.version().equals(version))
                .flatMap(i -> i.process().stream()).filter(ProcessIdentity::alive).toList();
    }

    /** Stops every live instance the state folder records, however the soak ends. */
    private static void stopRecorded(Duration grace) {
        Release.status(state).map(ReleaseState::instances).orElse(List.of()).stream()
                .flatMap(i -> i.process().stream()).filter(ProcessIdentity::alive).forEach(p -> {
                    try {
                        p.stop(grace);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    /**
     * The chain of migrations: the running example's rename, then back, with a column added
     * between, so each release builds on the one before; the users service's v1 reads {@code name},
     * v2 {@code full_name}.
     */
    static final class Chain {
        private final Path dir;
        private final String balancer;
        String schema;
        String version;
        String column;
        private String pendingSchema;
        private String pendingVersion;
        private String pendingColumn;

        Chain(Path dir, String schema, String version, String column, String balancer) {
            this.dir = dir;
            this.balancer = balancer;
            this.schema = schema;
            this.version = version;
            this.column = column;
        }

        /** Writes the migration of release {@code number} and returns its file. */
        Path next(int number) throws IOException {
            String name = String.format("%02d", number + 1);
            String yaml;
            pendingColumn = column;
            pendingVersion = version;
            if (number % 2 == 1) {
                pendingColumn = column.equals("name") ? "full_name" : "name";
                pendingVersion = pendingColumn.equals("name") ? "v1" : "v2";
                name += "_" + pendingColumn;
                yaml = "operations:\n  - rename_column: {table: users, from: " + column + ", to: " + pendingColumn + "}\n";
            } else {
                name += "_note_" + number;
                yaml = "operations:\n  - add_column:\n      table: users\n      column: {name: note_" + number
                        + ", type: text, nullable: true}\n";
            }
            pendingSchema = "public_" + name;
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, yaml);
            return file;
        }

        void done() {
            schema = pendingSchema;
            version = pendingVersion;
            column = pendingColumn;
        }

        void undo() {
            // The rolled-back migration stays a file; the next release writes the next one.
        }

        /** The version label of the running version. */
        String fromLabel() {
            return label(version, schema);
        }

        /** The version label of the release being planned (after {@link #next}). */
        String toLabel() {
            return label(pendingVersion, pendingSchema);
        }

        ReleasePlan plan(Path jar, PostgresServer server, int instances, Path migration, String strategy,
                String fault) {
            return ReleasePlan.parse(yaml(jar, server, instances, migration, strategy, fault), dir);
        }

        /** The same plan as a file for the command line: it holds the passwords, so readable by this user only. */
        Path planFile(Path jar, PostgresServer server, int instances, Path migration, String strategy, String name)
                throws IOException {
            Path file = dir.resolveSibling(name);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.writeString(file, yaml(jar, server, instances, migration, strategy, ""));
        }

        private String yaml(Path jar, PostgresServer server, int instances, Path migration, String strategy,
                String fault) {
            String command = "['" + Path.of(System.getProperty("java.home"), "bin", "java") + "', '-Xmx128m',"
                    + " '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', '" + jar + "']";
            String toVersion = migration == null ? version : pendingVersion;
            String delay = fault.startsWith("slow") ? ", USERS_DELAY: 400ms" : "";
            String strategyYaml = switch (strategy) {
                case "rolling" -> "{ rolling: { maxSurge: 1, maxUnavailable: 0 } }";
                case "blue-green" -> "{ blueGreen: { keepOld: 2s } }";
                default -> "{ canary: { instances: 1, steps: [ { weight: 20, pause: 5s } ], analysis: {"
                        + " maxErrorRateIncrease: 0.01, maxLatencyRatio: 3.0, latencyMargin: 100ms, minRequests: 10,"
                        + " initialDelay: 5s } } }"; // a cold JVM's first requests are not judged
            };
            String yaml = """
                    name: soak
                    database: { url: "%s", user: %s, password: '%s' }
                    %s
                    from: { version: %s, command: %s, instances: %d, schema: %s, env: { USERS_VERSION: %s, %s } }
                    to: { version: %s, command: %s, instances: %d,%s env: { USERS_VERSION: %s, %s%s } }
                    readiness: { deadline: 60s, poll: 100ms }
                    drain: { timeout: 10s, grace: 10s }
                    strategy: %s
                    contract: atEnd
                    %s
                    """.formatted(server.jdbcUrl("soak"), ROLE, server.password(ROLE), migration == null ? "" : "migration: " + migration,
                    label(version, schema), command, instances, schema, version, SERVICE_ENV,
                    migration == null ? version + "-unused" : label(toVersion, pendingSchema), command, instances,
                    migration == null ? " schema: " + schema + "," : "", toVersion,
                    SERVICE_ENV, delay, strategyYaml, balancer);
            return yaml;
        }

        /** A version label the balancer can tell apart: the code version and the schema it reads. */
        private static String label(String version, String schema) {
            String afterPrefix = schema.substring(schema.indexOf('_') + 1);
            return version + "-" + afterPrefix.substring(0, afterPrefix.indexOf('_'));
        }
    }
}
