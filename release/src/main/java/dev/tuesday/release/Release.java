package dev.tuesday.release;

import dev.tuesday.release.instance.Instance;
import dev.tuesday.release.instance.Launcher;
import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.instance.Supervisor;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.release.traffic.AdminApiTraffic;
import dev.tuesday.release.traffic.BalancerTraffic;
import dev.tuesday.release.traffic.HaproxyTraffic;
import dev.tuesday.release.traffic.Traffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A release of a new version of a service: expand (the migration's start), roll (the strategy
 * moves traffic to ready new instances and drains the old ones), contract (the migration's
 * complete) — or, when a new instance is not ready in time, crashes, fails the canary analysis,
 * or someone runs {@code tuesday release abort}: the old version back in full rotation, the new
 * instances drained and stopped, the migration rolled back.
 *
 * <pre>
 * try (Release release = Release.configure()
 *         .plan(ReleasePlan.read(Path.of("release.yaml")))
 *         .traffic(BalancerTraffic.of(balancer))
 *         .listener(ReleaseListener.printingTo(System.out))
 *         .build()) {
 *     release.deployFrom();             // only when the old version is not running yet
 *     ReleaseOutcome outcome = release.run();
 * }
 * </pre>
 *
 * <p>The release records where it stands in {@code <stateDir>/release.json} and watches for
 * {@code <stateDir>/release.abort}; {@link #status(Path)}, {@link #abort(Path)} and
 * {@link #contract(ReleasePlan, Path)} work from another process through these files. One
 * release at a time runs in a state folder: {@link Builder#build()} takes the folder's lock and
 * {@link #close()} (or the end of the process) gives it back.
 *
 * <p>Instances this release starts die with its process until it hands them over: the new ones
 * before the old version stops carrying traffic, the old ones it starts again once they are ready.
 * A release whose process died mid-way ({@code kill -9}, a crash) leaves the state file in its
 * phase; {@link #recover()} finishes what it left, from the state file and the balancer: the old
 * version serving with the migration rolled back, or, when it died in its contract, the release
 * finished. {@link #run()} refuses to start before that.
 */
public final class Release implements AutoCloseable {
    private final ReleasePlan plan;
    private final SchemaChange change;
    private final ReleaseListener listener;
    private final Clock clock;
    private final StateFile files;
    private final FileLock lock;
    private final ProcessIdentity owner = ProcessIdentity.current();
    private final Launcher launcher;
    private final boolean ownsLauncher;
    private final Traffic traffic;
    private final Fleet fleet;
    /** The state a release that died here left, until {@link #recover()} ran. */
    private Optional<ReleaseState> interrupted = Optional.empty();
    private volatile Phase phase = Phase.PLANNED;
    private volatile String outcome = "";

    private Release(ReleasePlan plan, ReleaseListener listener, Clock clock, StateFile files, FileLock lock,
                    SchemaChange change, Launcher launcher, boolean ownsLauncher, Traffic traffic) {
        this.plan = plan;
        this.listener = listener;
        this.clock = clock;
        this.files = files;
        this.lock = lock;
        this.change = change;
        this.launcher = launcher;
        this.ownsLauncher = ownsLauncher;
        this.traffic = traffic;
        this.fleet = new Fleet(plan, traffic, launcher, listener, clock, this::publish);
    }

    /**
     * Everything {@link Builder#build()} does once the settings are checked, in this order: takes
     * the state folder's lock, reads the state a previous release left, reaches the traffic layer,
     * and, unless a release died here mid-way, adopts the old instances (given, or found among the
     * balancer's backends). The lock is given back when a step fails.
     */
    private static Release open(Builder builder) {
        ReleasePlan plan = builder.plan;
        StateFile files = new StateFile(builder.stateDir);
        FileLock lock = files.tryLock().orElseThrow(() -> busy(files));
        try {
            SchemaChange change = builder.change != null ? builder.change : SchemaChanges.forPlan(plan);
            Optional<ReleaseState> previous = files.read();
            Launcher launcher = builder.launcher != null ? builder.launcher : new Supervisor(builder.stateDir.resolve("logs"),
                    plan.database(), plan.readiness().path(), plan.drain().grace());
            Traffic traffic = builder.traffic != null ? builder.traffic : plan.balancer()
                    .map(b -> (Traffic) new AdminApiTraffic(b.admin(), b.token()))
                    .or(() -> plan.haproxy().map(HaproxyTraffic::connect))
                    .orElseThrow(() -> new IllegalStateException("a release needs a balancer: call traffic(...) or give the plan a balancer section"));
            Release release = new Release(plan, builder.listener, builder.clock, files, lock, change, launcher,
                    builder.launcher == null, traffic);
            if (previous.filter(ReleaseState::inProgress).isPresent()) {
                // A release died here mid-way: its state file stays as it left it, for recover().
                release.interrupted = previous;
                return release;
            }
            List<Instance> running = builder.running;
            List<RecordedInstances.Listed> listed = switch (traffic) {
                case AdminApiTraffic admin -> admin.backends().stream()
                        .map(b -> new RecordedInstances.Listed(b.id(), b.spec().version(), b.spec().uri())).toList();
                case HaproxyTraffic haproxy -> haproxy.servers().stream()
                        .map(s -> new RecordedInstances.Listed(s.id(), s.version(), s.uri())).toList();
                default -> List.of();
            };
            if (running.isEmpty() && !listed.isEmpty()) {
                // On the command line the old instances are the balancer's backends of from.version,
                // left running by an earlier release in this state folder.
                running = RecordedInstances.oldInBalancer(listed, previous, plan.from().version(), files.dir(),
                        plan.readiness().path());
            }
            release.fleet.adoptOld(running);
            return release;
        } catch (RuntimeException e) {
            unlock(lock);
            throw e;
        }
    }

    private static ReleaseException busy(StateFile files) {
        String who = files.read().map(state -> "release " + state.name() + " (pid " + state.pid() + ", " + state.phase().label() + ")")
                .orElse("another process");
        return new ReleaseException(who + " holds " + files.lockFile() + ": one release at a time runs in " + files.dir()
                + "; wait for it, or use another --state-dir");
    }

    /** Starts configuring a release. */
    public static Builder configure() {
        return new Builder();
    }

    /** The plan this release follows. */
    public ReleasePlan plan() {
        return plan;
    }

    /** Where the release stands. */
    public Phase phase() {
        return phase;
    }

    /**
     * Starts the old version's instances ({@code from.instances} of them), puts them in the
     * balancer and waits until they are ready: for a fleet that is not running yet (a demo, a test,
     * a first deploy).
     *
     * @return the instances, now in rotation
     * @throws ReleaseException when one is not ready by the deadline or exits; those started are stopped
     */
    public List<Instance> deployFrom() {
        refuseIfInterrupted();
        List<Instance> started = new ArrayList<>();
        try {
            for (int i = fleet.old().size(); i < plan.from().instances(); i++) {
                started.add(fleet.launchOld());
            }
            fleet.awaitReady(started, StepPlanner.FULL_WEIGHT, () -> { });
            fleet.handOver(started);
            return fleet.old();
        } catch (Abort e) {
            fleet.drainAndStop(started);
            throw new ReleaseException("cannot deploy " + plan.from().version() + ": " + e.reason().describe());
        }
    }

    /**
     * Runs the release to its end and returns how it ended. A rollback is an outcome, not an
     * exception.
     *
     * @throws ReleaseException when the release and its rollback both failed, the contract
     *                          failed after a successful roll (then the contract stays pending), or
     *                          a release that died here waits for {@link #recover()}
     */
    public ReleaseOutcome run() {
        refuseIfInterrupted();
        files.clearAbort();
        publish();
        Rollout rollout = new Rollout(plan, fleet, change, listener, clock, files::abortRequested, this::enter);
        ReleaseOutcome result;
        try {
            result = rollout.run();
        } finally {
            files.clearAbort();
        }
        outcome = result.describe();
        publish();
        listener.on(new ReleaseEvent.Finished(result));
        return result;
    }

    /**
     * Finishes what the release that died in this state folder left, whatever moment it died at:
     * its instances not handed over are drained and stopped; then, when it died in its contract,
     * the contract is completed; otherwise the old version is brought back to its instance count
     * and full weight, the new instances are drained and stopped and the plan's migration is
     * rolled back. Each step looks at what is there, so a recovery killed in turn is run again.
     *
     * @return {@link ReleaseOutcome.Completed} or {@link ReleaseOutcome.RolledBack}
     * @throws ReleaseException when nothing is to recover, the plan is not the dead release's, or
     *                          an instance cannot be stopped safely (then nothing was changed)
     */
    public ReleaseOutcome recover() {
        ReleaseState dead = interrupted.orElseThrow(() -> new ReleaseException("nothing to recover in " + files.dir() + ": "
                + files.read().map(s -> "the last release is " + s.phase().label()).orElse("no release has run there")));
        if (!dead.fromVersion().equals(plan.from().version()) || !dead.toVersion().equals(plan.to().version())) {
            throw new ReleaseException("the release that died in " + files.dir() + " moved " + dead.fromVersion() + " to "
                    + dead.toVersion() + ", this plan moves " + plan.from().version() + " to " + plan.to().version()
                    + ": recover with its plan" + (dead.plan().isEmpty() ? "" : " (" + dead.plan() + ")"));
        }
        RecordedInstances.LeftOver left = RecordedInstances.leftBy(dead, traffic, plan.readiness().path());
        // The state keeps the dead release's phase, now under this process: a recovery killed in
        // turn leaves a state that the next recovery takes up.
        phase = dead.phase();
        listener.on(new ReleaseEvent.PhaseStarted(dead.phase(), "recovering: release " + dead.name() + " died here (pid "
                + dead.pid() + ")"));
        for (String id : left.ended()) {
            traffic.drainAndRemove(id, plan.drain().timeout());
        }
        fleet.adoptLeftOver(left.running(), left.inTraffic(), left.kept(), left.ids());
        Rollout rollout = new Rollout(plan, fleet, change, listener, clock, () -> false, this::enter);
        ReleaseOutcome result = rollout.recover(new AbortReason.Died(dead.pid(), dead.phase()), left.abandoned());
        interrupted = Optional.empty();
        outcome = result.describe();
        publish();
        listener.on(new ReleaseEvent.Finished(result));
        return result;
    }

    private void refuseIfInterrupted() {
        interrupted.ifPresent(dead -> {
            throw new ReleaseException("release " + dead.name() + " died in " + files.dir() + " during its "
                    + dead.phase().label() + " (pid " + dead.pid() + "): run `tuesday release recover` first");
        });
    }

    /**
     * Gives back the state folder's lock. Instances this release started and did not hand over
     * are stopped, as the end of this process would.
     */
    @Override
    public void close() {
        if (ownsLauncher && launcher instanceof Supervisor supervisor) {
            supervisor.close();
        }
        unlock(lock);
    }

    private static void unlock(FileLock lock) {
        try {
            lock.channel().close();
        } catch (IOException e) {
            // The lock goes with the process at the latest.
        }
    }

    /** The instances running now, old version first. */
    public List<Instance> instances() {
        List<Instance> all = new ArrayList<>(fleet.old());
        all.addAll(fleet.fresh());
        return all;
    }

    /** Drains and stops every instance this release runs: for the end of a demo or a test. */
    public void stopAll() {
        fleet.drainAndStop(instances());
    }

    /** The phases and steps {@link #run()} would go through, one line each, without running anything. */
    public static List<String> dryRun(ReleasePlan plan) {
        return DryRun.lines(plan, SchemaChanges.describe(plan));
    }

    /** The state of the last release run with this state folder, if any. */
    public static Optional<ReleaseState> status(Path stateDir) {
        return new StateFile(stateDir).read();
    }

    /**
     * Asks the release running with this state folder to back out; it does so within one poll.
     *
     * @throws ReleaseException when no release is running there, or the one there died (then
     *                          {@link #recover()} brings the old version back)
     */
    public static void abort(Path stateDir) {
        StateFile files = new StateFile(stateDir);
        ReleaseState state = files.read()
                .orElseThrow(() -> new ReleaseException("no release has run in " + stateDir + " (no release.json)"));
        if (state.ended()) {
            throw new ReleaseException("no release is running in " + stateDir + ": the last one is " + state.phase().label());
        }
        if (state.ownerDied()) {
            throw new ReleaseException("release " + state.name() + " died during its " + state.phase().label() + " (pid "
                    + state.pid() + " is gone), so nothing would act on an abort: run `tuesday release recover`");
        }
        files.requestAbort();
    }

    /**
     * Runs the contract a plan deferred, once the release rolled out.
     *
     * @throws ReleaseException when the last release in {@code stateDir} is not waiting for its contract
     */
    public static void contract(ReleasePlan plan, Path stateDir) {
        contract(plan, stateDir, SchemaChanges.forPlan(plan));
    }

    /** As {@link #contract(ReleasePlan, Path)}, with the given migration. */
    public static void contract(ReleasePlan plan, Path stateDir, SchemaChange change) {
        StateFile files = new StateFile(stateDir);
        FileLock lock = files.tryLock().orElseThrow(() -> busy(files));
        try (var channel = lock.channel()) {
            ReleaseState state = files.read()
                    .orElseThrow(() -> new ReleaseException("no release has run in " + stateDir + " (no release.json)"));
            if (state.phase() != Phase.CONTRACT_PENDING) {
                throw new ReleaseException("the last release in " + stateDir + " is " + state.phase().label()
                        + ", not contract-pending: nothing to contract");
            }
            if (state.instances().stream().anyMatch(i -> i.version().equals(state.fromVersion()))) {
                throw new ReleaseException("instances of " + state.fromVersion() + " still run: the contract would break them");
            }
            change.contract();
            ProcessIdentity self = ProcessIdentity.current();
            files.write(new ReleaseState(state.name(), state.plan(), state.strategy(), Phase.DONE, state.fromVersion(),
                    state.toVersion(), state.fromDesired(), state.toDesired(), state.instances(),
                    "released; migration completed", self.pid(), Instant.now().toString(), self.startedAt().toString(),
                    self.startTicks()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock " + files.lockFile() + ": " + e.getMessage(), e);
        }
    }

    private void enter(Phase next) {
        phase = next;
        publish();
    }

    private void publish() {
        files.write(new ReleaseState(plan.name(), plan.source().map(Path::toString).orElse(""), plan.strategy().name(),
                phase, plan.from().version(), plan.to().version(), plan.from().instances(), plan.to().instances(),
                fleet == null ? List.of() : fleet.snapshot(), outcome, owner.pid(), clock.instant().toString(),
                owner.startedAt().toString(), owner.startTicks()));
    }

    /** Settings of a release; {@link #build()} checks them once. */
    public static final class Builder {
        private ReleasePlan plan;
        private Traffic traffic;
        private Launcher launcher;
        private SchemaChange change;
        private ReleaseListener listener = ReleaseListener.NONE;
        private Clock clock = Clock.systemUTC();
        private Path stateDir = Path.of(".tuesday");
        private List<Instance> running = List.of();

        private Builder() {
        }

        /** The plan; required. */
        public Builder plan(ReleasePlan plan) {
            this.plan = Objects.requireNonNull(plan, "plan");
            return this;
        }

        /**
         * The balancer in front of the instances, see {@link BalancerTraffic}; default the plan's
         * {@code balancer} section through {@link AdminApiTraffic}, or its {@code traffic.haproxy}
         * section through {@link HaproxyTraffic}; one of them is required.
         */
        public Builder traffic(Traffic traffic) {
            this.traffic = Objects.requireNonNull(traffic, "traffic");
            return this;
        }

        /** Starts instances; default a {@link Supervisor} logging to {@code <stateDir>/logs}. */
        public Builder launcher(Launcher launcher) {
            this.launcher = Objects.requireNonNull(launcher, "launcher");
            return this;
        }

        /** The migration; default the plan's migration run by Tuesday's migrator, or none. */
        public Builder schemaChange(SchemaChange change) {
            this.change = Objects.requireNonNull(change, "change");
            return this;
        }

        /** Told about every step; default none. */
        public Builder listener(ReleaseListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The clock for deadlines and windows; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Folder of the state file, the abort file and the logs; default {@code .tuesday}. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
            return this;
        }

        /**
         * Instances of the old version already running and in the balancer with full weight, that
         * the release replaces; default none (then call {@link Release#deployFrom()}), or with the
         * plan's {@code balancer} section, that balancer's backends of {@code from.version}.
         */
        public Builder running(List<Instance> instances) {
            this.running = List.copyOf(instances);
            return this;
        }

        /**
         * Checks the settings, takes the state folder's lock and returns the release, not started.
         *
         * @throws ReleaseException when another release holds the state folder, or an old instance
         *                          in the balancer is one a release may not stop (not on loopback,
         *                          or not launched by a release in this state folder)
         */
        public Release build() {
            if (plan == null) {
                throw new IllegalStateException("a release needs a plan: call plan(...)");
            }
            if (traffic == null && plan.balancer().isEmpty() && plan.haproxy().isEmpty()) {
                throw new IllegalStateException("a release needs a balancer: call traffic(...) or give the plan a balancer section");
            }
            for (Instance instance : running) {
                if (!instance.version().equals(plan.from().version())) {
                    throw new IllegalArgumentException("running instance " + instance.id() + " runs " + instance.version()
                            + ", not the plan's from.version " + plan.from().version());
                }
            }
            return open(this);
        }
    }
}
