package dev.tuesday.cli;

import dev.tuesday.release.Release;
import dev.tuesday.release.ReleaseOutcome;
import dev.tuesday.release.ReleaseState;
import dev.tuesday.release.plan.ReleasePlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tuesday release PLAN.yaml}: expand → roll → contract, backing out on its own. The
 * running release keeps its state in {@code --state-dir}, where {@code status}, {@code abort}
 * and {@code contract} find it from another terminal, and where {@code recover} finishes what a
 * release whose process died left. {@code deploy} starts the old version under Tuesday, so that
 * a later release may stop it. The plan names the traffic layer: Tuesday's balancer
 * ({@code balancer}) or a running HAProxy ({@code traffic.haproxy}), which the release drives itself.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Release a new version: migration start, readiness-gated roll (rolling, blue-green or canary)"
                + " with draining, then the contract; any failure before the contract rolls back.",
                "Exit 0 released, 1 rolled back or failed."})
final class ReleaseCli extends StateDirCommand {

    @Parameters(paramLabel = "PLAN", arity = "0..1", description = "The release plan (YAML); see release/README.md.")
    Path plan;

    @Option(names = "--dry-run", description = "Print the phases and steps without running them.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (plan == null) {
            spec.commandLine().usage(out);
            return Tuesday.USAGE;
        }
        ReleasePlan releasePlan = ReleasePlan.read(plan);
        if (dryRun) {
            Release.dryRun(releasePlan).forEach(out::println);
            return 0;
        }
        try (Release release = load(releasePlan, stateDir, out)) {
            ReleaseOutcome outcome = release.run();
            return outcome instanceof ReleaseOutcome.Completed ? 0 : Tuesday.FAILURE;
        }
    }

    /** A release of {@code plan} in {@code stateDir} that prints each event to {@code out}. */
    static Release load(ReleasePlan plan, Path stateDir, PrintWriter out) {
        return Release.configure().plan(plan).stateDir(stateDir)
                .listener(event -> {
                    out.println(event.line());
                    out.flush();
                }).build();
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Phase, instances ready n/m and weights of the release in the state folder;"
                    + " exit 1 when there is none, or when its process died mid-way (then run 'recover').")
    static final class Status extends StateDirCommand {
        @Override
        public Integer call() {
            var state = Release.status(stateDir);
            if (state.isEmpty()) {
                out().println("no release in " + stateDir.toAbsolutePath());
                return Tuesday.FAILURE;
            }
            state.map(ReleaseState::lines).orElseThrow().forEach(out()::println);
            return state.get().ownerDied() ? Tuesday.FAILURE : 0;
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true,
            description = "Ask the running release to back out: old version serving, migration rolled back.")
    static final class Abort extends StateDirCommand {
        @Override
        public Integer call() {
            Release.abort(stateDir);
            out().println("abort requested; the release backs out at its next step");
            return 0;
        }
    }

    @Command(name = "contract", mixinStandardHelpOptions = true,
            description = "Run the contract (migration complete) a plan with 'contract: deferred' left for later.")
    static final class Contract extends StateDirCommand {
        @Parameters(paramLabel = "PLAN", description = "The release plan (YAML).")
        Path plan;

        @Override
        public Integer call() {
            Release.contract(ReleasePlan.read(plan), stateDir);
            out().println("contract done");
            return 0;
        }
    }

    @Command(name = "recover", mixinStandardHelpOptions = true,
            description = {"Finish what a release whose process died (kill -9, a crash) left in the state folder:"
                    + " the old version serving with the migration rolled back, or, when it died in its contract,"
                    + " the release finished. Safe to run again.",
                    "Exit 0 once consistent, 1 when there was nothing to recover or it failed."})
    static final class Recover extends StateDirCommand {
        @Parameters(paramLabel = "PLAN", arity = "0..1",
                description = "The release plan (YAML). Default: the plan the release that died was started with.")
        Path plan;

        @Override
        public Integer call() {
            PrintWriter out = out();
            Path file = plan != null ? plan : Release.status(stateDir).map(ReleaseState::plan).filter(p -> !p.isEmpty())
                    .map(Path::of).orElse(null);
            if (file == null) {
                out.println("no plan recorded in " + stateDir.toAbsolutePath() + ": give the plan, tuesday release recover PLAN");
                return Tuesday.USAGE;
            }
            try (Release release = load(ReleasePlan.read(file), stateDir, out)) {
                release.recover();
                return 0;
            }
        }
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Start the plan's old version (from: instances of it) and put them in the balancer, once ready:"
                    + " a first deploy. A release stops only instances Tuesday launched.",
                    "Exit 0 once they serve."})
    static final class Deploy extends StateDirCommand {
        @Parameters(paramLabel = "PLAN", description = "The release plan (YAML); needs its balancer or traffic.haproxy section.")
        Path plan;

        @Override
        public Integer call() {
            PrintWriter out = out();
            try (Release release = load(ReleasePlan.read(plan), stateDir, out)) {
                release.deployFrom().forEach(instance -> out.println("serving " + instance.id() + " on " + instance.uri()));
                return 0;
            }
        }
    }
}
