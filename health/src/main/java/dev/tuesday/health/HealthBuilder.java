package dev.tuesday.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configures a {@link Health}; obtained from {@link Health#configure()}. Every setting is checked
 * once, in {@link #build()}, and the built object is immutable in its configuration.
 *
 * <pre>{@code
 * Health health = Health.configure()
 *         .readiness("database", Checks.database(pool, Duration.ofSeconds(1)))
 *         .readiness("version-schema", Checks.versionSchema(pool, "public_02_full_name"))
 *         .liveness("deadlocks", Checks.deadlocks())
 *         .build();
 * }</pre>
 */
public final class HealthBuilder {

    private Clock clock = Clock.systemUTC();
    private Duration cacheTtl = Duration.ofSeconds(1);
    private Duration checkTimeout = Duration.ofSeconds(1);
    private Duration drainDelay = Duration.ofSeconds(5);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private boolean detailsForAnyone;
    private final List<PendingCheck> checks = new ArrayList<>();

    private record PendingCheck(String name, Probe probe, HealthCheck check, Duration timeout) {
    }

    HealthBuilder() {
    }

    /** The clock for cache expiry and check durations. Default: {@link Clock#systemUTC()}. */
    public HealthBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * How long readiness and liveness results are reused before the checks run again, so constant
     * polling stays cheap. Zero disables the cache. Default: 1 second.
     */
    public HealthBuilder cacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
        return this;
    }

    /** The timeout of a check registered without its own. Default: 1 second. */
    public HealthBuilder checkTimeout(Duration checkTimeout) {
        this.checkTimeout = checkTimeout;
        return this;
    }

    /**
     * How long a draining instance keeps serving (and accepting) after readiness starts failing,
     * so that balancers notice before its socket closes. Default: 5 seconds.
     */
    public HealthBuilder drainDelay(Duration drainDelay) {
        this.drainDelay = drainDelay;
        return this;
    }

    /**
     * How long the drain waits, after it stopped accepting connections, for requests in flight
     * to finish before it stops the server anyway. Default: 30 seconds.
     */
    public HealthBuilder drainTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
        return this;
    }

    /**
     * Whether {@code ?verbose} gives per-check details to any caller. Default: {@code false}, only
     * to callers on this machine (a loopback peer, not forwarded by a proxy), since the details
     * name the database and its errors.
     */
    public HealthBuilder detailsForAnyone(boolean detailsForAnyone) {
        this.detailsForAnyone = detailsForAnyone;
        return this;
    }

    /** Adds a readiness check with the default {@link #checkTimeout(Duration) check timeout}. */
    public HealthBuilder readiness(String name, HealthCheck check) {
        return check(Probe.READINESS, name, check, null);
    }

    /** Adds a readiness check with its own timeout. */
    public HealthBuilder readiness(String name, HealthCheck check, Duration timeout) {
        return check(Probe.READINESS, name, check, Objects.requireNonNull(timeout, "timeout"));
    }

    /** Adds a liveness check. Liveness checks must never depend on the database. */
    public HealthBuilder liveness(String name, HealthCheck check) {
        return check(Probe.LIVENESS, name, check, null);
    }

    /** Adds a startup check, asked only once {@link Health#markReady()} has run. */
    public HealthBuilder startup(String name, HealthCheck check) {
        return check(Probe.STARTUP, name, check, null);
    }

    /** Adds a check to {@code probe}, with {@code timeout} or, when null, the default timeout. */
    public HealthBuilder check(Probe probe, String name, HealthCheck check, Duration timeout) {
        checks.add(new PendingCheck(name, probe, check, timeout));
        return this;
    }

    /**
     * Checks the settings and builds the {@link Health}, in state {@link HealthState#STARTING}.
     *
     * @throws IllegalArgumentException naming the first setting that is wrong
     */
    public Health build() {
        require(clock != null, "clock", "must be set");
        nonNegative("cacheTtl", cacheTtl);
        positive("checkTimeout", checkTimeout);
        nonNegative("drainDelay", drainDelay);
        positive("drainTimeout", drainTimeout);
        List<RegisteredCheck> registered = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PendingCheck c : checks) {
            String where = "check " + (c.name() == null ? "#" + (registered.size() + 1) : "'" + c.name() + "'");
            require(c.name() != null && !c.name().isBlank(), where, "needs a name");
            require(c.probe() != null, where, "needs a probe");
            require(c.check() != null, where, "needs a HealthCheck");
            require(names.add(c.probe() + "/" + c.name()), where, "is registered twice for " + c.probe());
            Duration timeout = c.timeout() == null ? checkTimeout : c.timeout();
            positive(where + " timeout", timeout);
            registered.add(new RegisteredCheck(c.name(), c.probe(), c.check(), timeout));
        }
        return new Health(clock, cacheTtl, drainDelay, drainTimeout, detailsForAnyone, registered);
    }

    private static void nonNegative(String setting, Duration value) {
        require(value != null, setting, "must be set");
        require(!value.isNegative(), setting, "must not be negative, got " + value);
    }

    private static void positive(String setting, Duration value) {
        require(value != null, setting, "must be set");
        require(!value.isNegative() && !value.isZero(), setting, "must be positive, got " + value);
    }

    private static void require(boolean ok, String setting, String message) {
        if (!ok) {
            throw new IllegalArgumentException("health: " + setting + " " + message);
        }
    }
}
