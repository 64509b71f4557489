package dev.tuesday.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The health of one service instance: its lifecycle, its checks, the answers to the three probes,
 * and its drain.
 *
 * <p>The application builds one with {@link #configure()}, serves the probes through an HTTP
 * binding ({@link HttpServerBinding} for the JDK's server, or the Jetty handler of
 * {@code tuesday-health-jetty}), calls {@link #markReady()} once warm-up is over, and
 * {@link #installShutdownHook()} so that SIGTERM drains the instance:
 *
 * <ol>
 *   <li>readiness fails at once ({@link HealthState#DRAINING}), every response carries
 *       {@code Connection: close};</li>
 *   <li>the instance keeps serving for the drain delay, so balancers notice;</li>
 *   <li>it stops accepting connections and waits for the requests in flight, up to the drain
 *       timeout;</li>
 *   <li>it stops the servers, runs the {@link #onStopped(Runnable) stopped actions} (close the
 *       pool there) and the process exits.</li>
 * </ol>
 *
 * <p>Readiness is {@link HealthState#READY} only after {@code markReady()} and while every readiness
 * check passes; results are cached for the cache TTL. Liveness runs only liveness checks and never
 * looks at the lifecycle, so a database outage or a drain never makes an orchestrator restart the
 * process. Startup passes once {@code markReady()} has run.
 */
public final class Health {

    private final Clock clock;
    private final Duration drainDelay;
    private final Duration drainTimeout;
    private final boolean detailsForAnyone;
    private final List<RegisteredCheck> liveness;
    private final List<RegisteredCheck> readiness;
    private final List<RegisteredCheck> startup;
    private final CheckRunner runner;
    private final AtomicReference<HealthState> state = new AtomicReference<>(HealthState.STARTING);
    private final ReportCache livenessCache;
    private final ReportCache readinessCache;
    private final List<DrainTarget> targets = new CopyOnWriteArrayList<>();
    private final List<Runnable> stoppedActions = new CopyOnWriteArrayList<>();
    private final Drain drain;

    Health(Clock clock, Duration cacheTtl, Duration drainDelay, Duration drainTimeout, boolean detailsForAnyone,
            List<RegisteredCheck> checks) {
        this.clock = clock;
        this.livenessCache = new ReportCache(clock, cacheTtl, report -> true);
        // A report made while starting or leaving answers from the lifecycle, not the checks.
        this.readinessCache = new ReportCache(clock, cacheTtl,
                report -> report.state() == HealthState.READY || report.state() == HealthState.NOT_READY);
        this.drainDelay = drainDelay;
        this.drainTimeout = drainTimeout;
        this.detailsForAnyone = detailsForAnyone;
        this.liveness = checks.stream().filter(c -> c.probe() == Probe.LIVENESS).toList();
        this.readiness = checks.stream().filter(c -> c.probe() == Probe.READINESS).toList();
        this.startup = checks.stream().filter(c -> c.probe() == Probe.STARTUP).toList();
        this.runner = new CheckRunner(clock);
        this.drain = new Drain(this);
    }

    /** Starts a configuration; see {@link HealthBuilder} for the settings and their defaults. */
    public static HealthBuilder configure() {
        return new HealthBuilder();
    }

    /** The lifecycle state now. */
    public HealthState state() {
        return state.get();
    }

    /** Whether the drain has begun: responses must then carry {@code Connection: close}. */
    public boolean isDraining() {
        return state.get().leaving();
    }

    /**
     * Warm-up is over (pool open, caches loaded): readiness now follows the readiness checks.
     * Has no effect once the drain has begun.
     */
    public void markReady() {
        if (state.compareAndSet(HealthState.STARTING, HealthState.READY)
                || state.compareAndSet(HealthState.NOT_READY, HealthState.READY)) {
            readinessCache.clear();
        }
    }

    /** Answers {@code probe}: runs its checks (or reuses the cached result) within their timeouts. */
    public HealthReport check(Probe probe) {
        return switch (probe) {
            case LIVENESS -> liveness();
            case READINESS -> readiness();
            case STARTUP -> startupProbe();
        };
    }

    private HealthReport liveness() {
        return livenessCache.get(() -> {
            List<CheckOutcome> outcomes = runner.runAll(liveness);
            return new HealthReport(Probe.LIVENESS, state.get(), allPass(outcomes), "", outcomes);
        });
    }

    private HealthReport readiness() {
        HealthReport early = notServing(Probe.READINESS);
        if (early != null) {
            return early;
        }
        return readinessCache.get(() -> {
            List<CheckOutcome> outcomes = runner.runAll(readiness);
            boolean pass = allPass(outcomes);
            HealthState was = state.get();
            if (was == HealthState.READY || was == HealthState.NOT_READY) {
                state.compareAndSet(was, pass ? HealthState.READY : HealthState.NOT_READY);
            }
            // The drain may have begun while the checks ran: it wins over their result.
            HealthReport leaving = notServing(Probe.READINESS);
            return leaving != null ? leaving : new HealthReport(Probe.READINESS, state.get(), pass, "", outcomes);
        });
    }

    private HealthReport startupProbe() {
        HealthState now = state.get();
        if (now == HealthState.STARTING) {
            return new HealthReport(Probe.STARTUP, now, false, "starting", List.of());
        }
        List<CheckOutcome> outcomes = startup.isEmpty() ? List.of() : runner.runAll(startup);
        return new HealthReport(Probe.STARTUP, now, allPass(outcomes), "", outcomes);
    }

    private HealthReport notServing(Probe probe) {
        HealthState now = state.get();
        return switch (now) {
            case STARTING -> new HealthReport(probe, now, false, "starting", List.of());
            case DRAINING, STOPPED -> new HealthReport(probe, now, false, "draining", List.of());
            case READY, NOT_READY -> null;
        };
    }

    private static boolean allPass(List<CheckOutcome> outcomes) {
        for (CheckOutcome o : outcomes) {
            if (!o.passed()) {
                return false;
            }
        }
        return true;
    }

    /** Registers a server for the drain to stop; the HTTP bindings call this. */
    public void addDrainTarget(DrainTarget target) {
        targets.add(target);
    }

    /** Adds an action run after the drain stopped the servers, in order (close the pool here). */
    public void onStopped(Runnable action) {
        stoppedActions.add(action);
    }

    /**
     * Drains now, on the calling thread: readiness fails at once, the servers keep serving for the
     * drain delay, stop accepting, and get up to the drain timeout for requests in flight; then
     * the servers stop and the stopped actions run. A second call waits for the first drain.
     *
     * @return whether every request in flight finished within the drain timeout
     */
    public boolean drain() {
        return drain.run();
    }

    /**
     * Installs a JVM shutdown hook, so that SIGTERM (or SIGINT) drains the instance. When the
     * drain is over the hook ends the process with status 0, or 1 if requests were still running
     * at the drain timeout (a plain JVM would exit 143 on SIGTERM). To exit without a drain, for
     * example on a fatal error, call {@link #exitNow(int)}.
     */
    public void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(drain::onShutdown, "tuesday-health-drain"));
    }

    /** Exits the JVM with {@code status} right away: the shutdown hook then does not drain. */
    public void exitNow(int status) {
        drain.skip();
        System.exit(status);
    }

    /** Whether {@code ?verbose} details go to any caller, not only to local ones. */
    boolean detailsForAnyone() {
        return detailsForAnyone;
    }

    Duration drainDelay() {
        return drainDelay;
    }

    Duration drainTimeout() {
        return drainTimeout;
    }

    Clock clock() {
        return clock;
    }

    List<DrainTarget> targets() {
        return targets;
    }

    List<Runnable> stoppedActions() {
        return stoppedActions;
    }

    void enter(HealthState next) {
        state.set(next);
    }
}
