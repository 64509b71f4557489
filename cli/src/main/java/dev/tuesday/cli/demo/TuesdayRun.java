package dev.tuesday.cli.demo;

import dev.tuesday.balancer.Balancer;
import dev.tuesday.balancer.HealthSettings;
import dev.tuesday.drill.DrillResult;
import dev.tuesday.release.Release;
import dev.tuesday.release.ReleaseEvent;
import dev.tuesday.release.ReleaseOutcome;
import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.traffic.BalancerTraffic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The release done Tuesday's way: users-service v1 behind the balancer, the rename migration's
 * expand, a readiness-gated roll to v2 with draining, then the contract — under load throughout.
 */
record TuesdayRun(DemoSettings settings, DemoFiles files, PrintWriter out) {

    /** Instances drain 1 s after SIGTERM (the balancer has drained them already). */
    static final String SERVICE_ENV = "DRAIN_DELAY: 1s, DRAIN_TIMEOUT: 10s, CHECK_TIMEOUT: 3s, POOL_SIZE: 4";

    /** The drill's result and the release's outcome. */
    record Result(DrillResult load, ReleaseOutcome outcome) {
    }

    Result run(DemoDatabase db, Path workDir) throws InterruptedException {
        Path planFile = workDir.resolve("release.yaml");
        try {
            // The plan holds the database password: readable by this user only.
            Files.deleteIfExists(planFile);
            Files.createFile(planFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(planFile, planYaml(db));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + planFile + ": " + e.getMessage(), e);
        }
        ReleasePlan plan = ReleasePlan.read(planFile);
        try (Balancer balancer = Balancer.configure().listen("127.0.0.1", 0)
                .health(new HealthSettings("/readyz", Duration.ofMillis(250), Duration.ofSeconds(4), 2, 3)).start()) {
            AtomicReference<Load> marking = new AtomicReference<>();
            Release release = Release.configure().plan(plan).traffic(BalancerTraffic.of(balancer))
                    .stateDir(workDir.resolve("state")).listener(event -> show(event, marking.get())).build();
            try {
                out.println("tuesday: starting v1 x" + settings.instances() + " behind the balancer on " + balancer.uri());
                release.deployFrom();
                out.println("  warming up: " + settings.steady().toSeconds() + " s of load that is not counted");
                Load.warmUp(balancer.uri(), settings.rate(), settings.steady());
                try (Load load = Load.start(balancer.uri(), settings.rate(), "tuesday", out)) {
                    marking.set(load);
                    load.phase("steady");
                    Thread.sleep(settings.steady().toMillis());
                    ReleaseOutcome outcome = release.run();
                    load.phase("after");
                    Thread.sleep(settings.steady().toMillis());
                    return new Result(load.stop(), outcome);
                }
            } finally {
                for (Instance instance : release.instances()) {
                    instance.stop(Duration.ofSeconds(5));
                }
            }
        }
    }

    /** Prints the event; a new phase of the release becomes a shaded phase of the load's timeline. */
    private void show(ReleaseEvent event, Load load) {
        out.println("  " + event.line());
        out.flush();
        if (load != null && event instanceof ReleaseEvent.PhaseStarted started) {
            load.phase(started.phase().label());
        }
    }

    private String planYaml(DemoDatabase db) {
        String command = files.serviceCommandYaml();
        return """
                name: users v1 to v2 (Tuesday)
                database: { url: "%s", user: app, password: '%s' }
                migration: %s
                from: { version: v1, command: %s, instances: %d, schema: public_01_create_users,
                        env: { USERS_VERSION: v1, %s } }
                to: { version: v2, command: %s, instances: %d, env: { USERS_VERSION: v2, %s } }
                readiness: { deadline: 60s, poll: 100ms }
                drain: { timeout: 10s, grace: 10s }
                strategy: %s
                contract: atEnd
                """.formatted(db.jdbcUrl(), db.password(), files.migrations().resolve("02_full_name.yaml"), command,
                settings.instances(), SERVICE_ENV, command, settings.instances(), SERVICE_ENV, settings.strategyYaml());
    }
}
