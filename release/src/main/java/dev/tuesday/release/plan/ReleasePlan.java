package dev.tuesday.release.plan;

import dev.tuesday.release.Release;
import dev.tuesday.release.traffic.HaproxyTraffic;
import dev.tuesday.release.traffic.Traffic;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a release does: from which version to which, with which migration, by which strategy.
 *
 * <p>Read from YAML with {@link #read(Path)}. Unknown fields are errors, and every error names the
 * file and the field. Example, with every default written out:
 * <pre>
 * name: users v1 to v2
 * database: { url: "jdbc:postgresql://127.0.0.1:5432/app", user: app, schema: public }
 * migration: migrations/02_full_name.yaml      # relative to this file; optional
 * from:
 *   version: v1
 *   command: [java, -jar, users-service.jar]    # or one string, split on spaces
 *   env: { USERS_VERSION: v1 }
 *   instances: 3
 *   ports: 9101-9110                            # or basePort: 9101, or nothing for free ports
 *   schema: public_01_create_users              # TUESDAY_SCHEMA of the old instances
 * to:
 *   version: v2
 *   command: [java, -jar, users-service.jar]
 *   env: { USERS_VERSION: v2 }
 *   instances: 3                                # schema: defaults to the migration's version schema
 * readiness: { path: /readyz, deadline: 60s, poll: 250ms }
 * drain: { timeout: 30s, grace: 30s }
 * strategy:
 *   rolling: { maxSurge: 1, maxUnavailable: 0 }
 *   # blueGreen: { keepOld: 10s }
 *   # canary: { instances: 1, steps: [ { weight: 10, pause: 30s } ],
 *   #           analysis: { maxErrorRateIncrease: 0.01, maxLatencyRatio: 1.5, latencyMargin: 50ms, minRequests: 20,
 *   #                       initialDelay: 10s } }             # the canary's first 10 s are not judged
 * contract: atEnd                               # or deferred: run it later with `tuesday release contract`
 * balancer: { admin: "http://127.0.0.1:8081", tokenEnv: TUESDAY_BALANCER_TOKEN }   # for the command line
 * # traffic: { haproxy: { socket: /run/haproxy/admin.sock, backend: app } }     # or a running HAProxy
 * </pre>
 *
 * <p>The {@code balancer} section is for {@code tuesday release} run on its own: the release then
 * drives that balancer through its admin API, and its backends of {@code from.version} are the old
 * instances. In code, pass a {@link Traffic} to {@link Release.Builder#traffic} instead. The
 * {@code traffic} section names a running HAProxy instead ({@link HaproxySpec},
 * {@link HaproxyTraffic}); a plan has at most one of the two.
 *
 * @param source    the file the plan was read from, if any
 * @param name      a name for messages; default {@code <from> to <to>}
 * @param database  the database; required when there is a migration
 * @param migration the migration file (pgroll format) the release starts and completes; empty for
 *                  a release without schema change
 * @param from      the version running now
 * @param to        the version to run
 * @param readiness when a new instance counts as ready
 * @param drain     how instances leave
 * @param strategy  how traffic moves
 * @param contract  when the migration's contract runs
 * @param balancer  a balancer in another process to drive through its admin API, if any
 * @param haproxy   a running HAProxy to drive through its runtime API instead, if any
 */
public record ReleasePlan(Optional<Path> source, String name, Optional<DatabaseSpec> database, Optional<Path> migration,
                          VersionSpec from, VersionSpec to, ReadinessSpec readiness, DrainSpec drain,
                          Strategy strategy, ContractTiming contract, Optional<BalancerSpec> balancer,
                          Optional<HaproxySpec> haproxy) {

    /** Checks that the parts fit together. */
    public ReleasePlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(balancer, "balancer");
        Objects.requireNonNull(haproxy, "haproxy");
        Path file = source.orElse(null);
        if (from.version().equals(to.version())) {
            throw new PlanException(file, "to.version", "must differ from from.version ('" + to.version() + "')");
        }
        if (balancer.isPresent() && haproxy.isPresent()) {
            throw new PlanException(file, "traffic", "cannot be given together with balancer: name one traffic layer");
        }
        if (migration.isPresent() && database.isEmpty()) {
            throw new PlanException(file, "database", "is required when the plan has a migration");
        }
        if (migration.isEmpty() && to.schema().isEmpty() && from.schema().isPresent()) {
            throw new PlanException(file, "to.schema", "is required when the plan has no migration");
        }
        if (strategy instanceof Strategy.Canary canary && canary.instances() > to.instances()) {
            throw new PlanException(file, "strategy.canary.instances",
                    "must not exceed to.instances (" + canary.instances() + " > " + to.instances() + ")");
        }
    }

    /**
     * Reads and checks a plan file.
     *
     * @throws PlanException naming the file and the field when the plan cannot be used
     */
    public static ReleasePlan read(Path file) {
        return PlanReader.read(file);
    }

    /**
     * Reads a plan from YAML text, for plans made in code ({@code tuesday demo}); relative paths
     * are resolved against {@code baseDir}.
     *
     * @throws PlanException naming the field when the plan cannot be used
     */
    public static ReleasePlan parse(String yaml, Path baseDir) {
        return PlanReader.parse(yaml, null, baseDir.toAbsolutePath());
    }

    /** The same plan with another strategy. */
    public ReleasePlan withStrategy(Strategy other) {
        return new ReleasePlan(source, name, database, migration, from, to, readiness, drain, other, contract, balancer, haproxy);
    }
}
