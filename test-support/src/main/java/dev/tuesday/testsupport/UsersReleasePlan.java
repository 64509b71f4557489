package dev.tuesday.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plan file of the users example's release, v1 x2 to v2 x2 with the {@code name -> full_name}
 * rename, as YAML text. The tests that release users-service and users-spring for real all write
 * this plan, each changing a few of its parts (the command, the strategy, the timings, what runs
 * the traffic); its shape is written here once.
 */
public final class UsersReleasePlan {
    private final String name;
    private final TestDatabase database;
    private final Path migrations;
    private final String command;
    private String serviceEnv = "DRAIN_DELAY: 1s, CHECK_TIMEOUT: 3s";
    private final Map<String, String> v2Env = new LinkedHashMap<>();
    private String readinessDeadline = "90s";
    private String drainTimeout = "10s";
    private String strategy = "{ rolling: { maxSurge: 1, maxUnavailable: 0 } }";
    private String more = "";

    private UsersReleasePlan(String name, TestDatabase database, Path migrations, String command) {
        this.name = name;
        this.database = database;
        this.migrations = migrations;
        this.command = command;
    }

    /**
     * The plan {@code name} releasing into {@code database} (as its owner) the migration
     * {@code 02_full_name.yaml} of the folder {@code migrations}, both versions started by
     * {@code command} (a YAML list).
     */
    public static UsersReleasePlan of(String name, TestDatabase database, Path migrations, String command) {
        return new UsersReleasePlan(name, database, migrations, command);
    }

    /**
     * The environment both versions get, as YAML map entries. Default: they drain for 1 s after
     * SIGTERM (the balancer has drained them already), and give their database check 3 s: on a
     * crowded machine a 1 s check under load flaps readiness.
     */
    public UsersReleasePlan serviceEnv(String entries) {
        this.serviceEnv = entries;
        return this;
    }

    /** Adds {@code variables} to v2's environment only (a fault to inject, say). Default: none. */
    public UsersReleasePlan v2Env(Map<String, String> variables) {
        this.v2Env.putAll(variables);
        return this;
    }

    /** How long an instance may take to become ready, as the plan writes it. Default {@code 90s}. */
    public UsersReleasePlan readinessDeadline(String deadline) {
        this.readinessDeadline = deadline;
        return this;
    }

    /** How long a drained instance may take to finish its requests, as the plan writes it. Default {@code 10s}. */
    public UsersReleasePlan drainTimeout(String timeout) {
        this.drainTimeout = timeout;
        return this;
    }

    /** The strategy as a YAML map. Default: rolling, one new instance at a time, none unavailable. */
    public UsersReleasePlan strategy(String yaml) {
        this.strategy = yaml;
        return this;
    }

    /** More top-level YAML (what runs the traffic, the contract's timing). Default: none. */
    public UsersReleasePlan more(String yaml) {
        this.more = yaml;
        return this;
    }

    /** The plan as YAML text. */
    public String yaml() {
        return """
                name: %s
                database: { url: "%s", user: %s, password: '%s' }
                migration: %s
                from: { version: v1, command: %s, instances: 2, schema: public_01_create_users,
                        env: { USERS_VERSION: v1, %s } }
                to: { version: v2, command: %s, instances: 2, env: %s }
                readiness: { deadline: %s, poll: 100ms }
                drain: { timeout: %s, grace: 10s }
                strategy: %s
                %s
                """.formatted(name, database.jdbcUrl(), database.owner(), database.password(),
                migrations.resolve("02_full_name.yaml"), command, serviceEnv, command, v2Env(),
                readinessDeadline, drainTimeout, strategy, more);
    }

    private String v2Env() {
        StringBuilder env = new StringBuilder("{ USERS_VERSION: v2, " + serviceEnv);
        v2Env.forEach((k, v) -> env.append(", ").append(k).append(": '").append(v).append("'"));
        return env.append(" }").toString();
    }
}
