package dev.tuesday.migrate;

import dev.tuesday.migrate.internal.Engine;
import dev.tuesday.migrate.internal.Pull;
import dev.tuesday.migrate.internal.Settings;
import dev.tuesday.migrate.internal.StatusReader;
import dev.tuesday.migrate.schema.Schema;
import dev.tuesday.migrate.schema.SchemaReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Expand/contract migrations of one PostgreSQL schema:
 *
 * <pre>{@code
 * Migrator m = Migrator.configure().dataSource(ds).schema("public").build();
 * m.start(Path.of("migrations/02_full_name.yaml"));   // expand: new version schema, triggers, backfill
 * m.complete();                                        // contract, once no old instance runs
 * }</pre>
 *
 * <p>Every command except {@link #status()} and {@link #latestVersionSchema()} holds the schema's
 * Tuesday lock (a session advisory lock) while it runs, and creates the state schema if missing.
 * A configured migrator is immutable and safe to share.
 */
public final class Migrator {

    private final Settings settings;
    private final Engine engine;

    private Migrator(Settings settings) {
        this.settings = settings;
        this.engine = new Engine(settings);
    }

    /** A builder with every setting at its default; {@link Builder#dataSource} is required. */
    public static Builder configure() {
        return new Builder();
    }

    /** Creates the state schema and its tables if missing. The other commands do it too. */
    public void init() {
        engine.locked("init", (c, state) -> null);
    }

    /** Starts (expands) {@code migration}; resumes it if it is the active one and did not finish. */
    public Started start(Migration migration) {
        return start(migration, false);
    }

    /** Starts {@code migration} and, when {@code complete}, completes it right away. */
    public Started start(Migration migration, boolean complete) {
        Objects.requireNonNull(migration, "migration");
        return engine.locked("start", (c, state) -> {
            if (complete) {
                Optional<String> other = state.activeChain().stream().map(r -> r.name())
                        .filter(n -> !n.equals(migration.name())).findFirst();
                if (other.isPresent()) {
                    throw new MigrationStateException(settings.schema(), migration.name(), "migration \""
                            + other.get() + "\" is active: start --complete of \"" + migration.name() + "\" would complete"
                            + " it first; complete it (complete --all) or start without --complete");
                }
                engine.refuseCompletingVersionsInUse(c, state, 1, "start --complete of \"" + migration.name() + "\"");
            }
            String versionSchema = engine.start(c, state, migration);
            if (complete) {
                engine.complete(c, state);
            }
            return new Started(migration.name(), versionSchema, complete);
        });
    }

    /** Reads the migration file {@code file} (YAML or JSON) and starts it. */
    public Started start(Path file) {
        return start(file, false);
    }

    /** Reads {@code file} and starts it; when {@code complete}, completes it right away. */
    public Started start(Path file, boolean complete) {
        return start(MigrationFile.read(file), complete);
    }

    /**
     * Completes (contracts) the active migration — the oldest, when several are in flight; throws
     * {@link MigrationStateException} when none is active.
     */
    public void complete() {
        engine.locked("complete", engine::complete);
    }

    /**
     * Completes every active migration, oldest first, refusing before any change while a version
     * schema they would drop is in use; throws {@link MigrationStateException} when none is active.
     *
     * @return the names of the migrations completed, in order
     */
    public List<String> completeAll() {
        return engine.locked("complete --all", engine::completeAll);
    }

    /** Rolls the active migration back — the newest, when several are in flight; throws {@link MigrationStateException} when none is active. */
    public void rollback() {
        engine.locked("rollback", engine::rollback);
    }

    /**
     * Rolls back the migration {@code name}, which must be the newest in flight; does nothing when
     * it is already rolled back, so running the same rollback again after a kill never undoes the
     * step below it. Throws {@link MigrationStateException} when it is complete, unknown, or not
     * the newest.
     *
     * @return whether this call rolled it back (false: it already was)
     */
    public boolean rollback(String name) {
        return engine.locked("rollback " + name, (c, state) -> engine.rollback(c, state, name));
    }

    /**
     * Applies the migrations of {@code dir} not yet applied, in file-name order, as a deploy does:
     * the active migration (one of the folder's) is completed, each pending one is started and
     * each but the last completed, so the last stays active for the version that runs now
     * ({@link FolderRun#DEPLOY}).
     *
     * @return names of the migrations this call started or completed
     */
    public List<String> migrate(Path dir) {
        return migrate(dir, FolderRun.DEPLOY);
    }

    /** As {@link #migrate(Path)}, completing the last one too or expecting one pending as {@code run} says. */
    public List<String> migrate(Path dir, FolderRun run) {
        return migrate(MigrationFile.readAll(dir), run);
    }

    /** As {@link #migrate(Path, FolderRun)}, with the migrations in the order given. */
    public List<String> migrate(List<Migration> migrations, FolderRun run) {
        Objects.requireNonNull(run, "run");
        return engine.locked("migrate", (c, state) -> engine.migrate(c, state, migrations, run));
    }

    /**
     * Checks the migration file {@code fileOrDir}, or each migration of the folder not yet applied,
     * against the live schema: names, types and SQL fragments ({@code up}, {@code down},
     * {@code check}, {@code default}) in a transaction that is rolled back. Changes nothing and
     * takes no lock. In a folder, the first pending migration is checked against the live
     * database and the ones after it by name against the schema as the earlier ones leave it.
     * While migrations are in flight, the first is checked as start would check it: on the newest
     * one's shape, and refused ({@link MigrationStateException}) when it cannot be chained on them.
     *
     * @return names of the migrations checked
     * @throws MigrationFileException if a file cannot be read or parsed
     * @throws ValidationException naming the file, the operation and what is wrong
     */
    public List<String> validate(Path fileOrDir) {
        return validate(fileOrDir, false);
    }

    /**
     * As {@link #validate(Path)}; with {@code rehearse}, the first pending migration's contract is
     * also played on columns of the new types, as {@code start} plays it before any change, in a
     * transaction that is rolled back: a view, check constraint or materialized view that would
     * not take the new type is refused now rather than at start. It holds the schema's Tuesday lock
     * meanwhile, and its transaction locks each table whose columns are replaced
     * ({@code ACCESS EXCLUSIVE}, for milliseconds; each attempt waits at most the lock timeout and
     * is retried as a DDL step is); it still changes nothing.
     */
    public List<String> validate(Path fileOrDir, boolean rehearse) {
        List<Migration> migrations = java.nio.file.Files.isDirectory(fileOrDir) ? MigrationFile.readAll(fileOrDir)
                : List.of(MigrationFile.read(fileOrDir));
        return read(c -> StatusReader.validate(c, settings, migrations, rehearse));
    }

    /**
     * Adopts a database that grew without Tuesday (or with another tool): writes
     * {@code dir/<name>.yaml}, a migration whose one {@code sql} operation is {@code schemaSql} —
     * the live schema's DDL, for a database built from the files — and records it here as applied
     * without running it, with a version schema that views every table as it is. {@link #migrate}
     * then applies only what comes after it. Refused before any change when the schema already has
     * a Tuesday history or another file has that name; run again after a kill, it finishes.
     *
     * @return the file written
     */
    public Path baseline(String name, Path dir, String schemaSql) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || name.contains("..")) {
            throw new IllegalArgumentException("a baseline's name is a file name of letters, digits, _ . and -: \""
                    + name + "\"");
        }
        Objects.requireNonNull(dir, "dir");
        if (schemaSql == null || schemaSql.isBlank()) {
            throw new IllegalArgumentException("a baseline needs the schema's SQL");
        }
        return engine.locked("baseline", (c, state) -> engine.baseline(c, state, name, dir, schemaSql));
    }

    /**
     * Writes into {@code dir} the file of each applied (active or complete) migration that the
     * folder lacks, byte for byte as it was started — a teammate's migration, applied from their
     * branch, can then be checked in, and {@link #migrate(Path)} finds it applied. Never
     * overwrites a file; takes no lock and changes nothing in the database.
     *
     * @throws MigrationFileException when the folder, or a file in it, cannot be read or written
     */
    public Pulled pull(Path dir) {
        return Pull.into(dir, read(c -> StatusReader.appliedFiles(c, settings)));
    }

    /** The active migration, its phase and backfill progress, and the history. Changes nothing. */
    public MigrationStatus status() {
        return read(c -> StatusReader.status(c, settings));
    }

    /**
     * The migrated schema as Tuesday reads it from the catalog, what stands on each column
     * included: what validation and planning see. Changes nothing.
     */
    public Schema schema() {
        return read(c -> SchemaReader.read(c, settings.schema()));
    }

    /** The version schema of the newest active or complete migration, if any. Changes nothing. */
    public Optional<String> latestVersionSchema() {
        return read(c -> StatusReader.latestVersionSchema(c, settings));
    }

    /** The name of the migration whose version schema {@link #latestVersionSchema()} names, if any. Changes nothing. */
    public Optional<String> latestMigration() {
        return read(c -> StatusReader.latestMigration(c, settings));
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Read<T> read) {
        try (Connection c = settings.connect()) {
            return read.run(c);
        } catch (SQLException e) {
            throw new MigrationException("cannot read the migration state of schema \"" + settings.schema() + "\": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The settings of a {@link Migrator}. Each setter returns this builder; {@link #build()} checks
     * them all once and fails with a message naming the wrong setting.
     */
    public static final class Builder {
        private DataSource dataSource;
        private String role;
        private String schema = "public";
        private String stateSchema = "tuesday";
        private Duration lockTimeout = Duration.ofSeconds(2);
        private Duration lockRetryDeadline = Duration.ofSeconds(60);
        private int maxLockAttempts = 30;
        private Integer backfillBatchSize;
        private Duration backfillBatchTime;
        private Duration backfillDelay = Duration.ZERO;
        private Duration backfillStatementTimeout = Duration.ofSeconds(10);
        private Duration ddlStatementTimeout = Duration.ofSeconds(10);
        private boolean waitForTuesdayLock;
        private Duration versionInUseWait = Duration.ofSeconds(5);
        private boolean dropVersionInUse;
        private Consumer<MigrationEvent> listener = event -> { };
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The database to migrate (required). One connection is used at a time. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * The role the migration acts as ({@code SET ROLE} on each connection): it owns what the
         * migration creates, whichever role logs in, which must be a member of it. Default: the
         * login role.
         */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        /** The schema to migrate. Default {@code public}. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** The schema holding Tuesday's state (history, backfill progress). Default {@code tuesday}. */
        public Builder stateSchema(String stateSchema) {
            this.stateSchema = stateSchema;
            return this;
        }

        /** How long one DDL attempt may wait for its table lock. Default 2 s. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        /** How long a DDL step keeps retrying after lock timeouts before giving up. Default 60 s. */
        public Builder lockRetryDeadline(Duration lockRetryDeadline) {
            this.lockRetryDeadline = lockRetryDeadline;
            return this;
        }

        /** How many attempts a DDL step gets at most. Default 30. */
        public Builder maxLockAttempts(int maxLockAttempts) {
            this.maxLockAttempts = maxLockAttempts;
            return this;
        }

        /**
         * Rows per backfill batch (one transaction each). Given without {@link #backfillBatchTime},
         * every batch has this size; otherwise it is the first batch's size. Default 1000.
         */
        public Builder backfillBatchSize(int backfillBatchSize) {
            this.backfillBatchSize = backfillBatchSize;
            return this;
        }

        /**
         * The time each backfill batch aims at: the batches grow or shrink (at most twofold at a
         * time) so that each takes about this long, whatever the rows cost on this server. A batch
         * holds its rows' locks until it commits, so this is also about the longest an application's
         * write of one of them waits: larger batches fill the table faster (20 ms: about 10% more
         * rows/s here) but make those waits longer (the application's p99 during the backfill about
         * 30% higher, its slowest request 5 times slower). Zero keeps every batch at
         * {@link #backfillBatchSize}. Default 5 ms, or zero when {@link #backfillBatchSize} is given
         * without it.
         */
        public Builder backfillBatchTime(Duration backfillBatchTime) {
            this.backfillBatchTime = backfillBatchTime;
            return this;
        }

        /** Pause between backfill batches. Default zero. */
        public Builder backfillDelay(Duration backfillDelay) {
            this.backfillDelay = backfillDelay;
            return this;
        }

        /** {@code statement_timeout} of each backfill batch. Default 10 s. */
        public Builder backfillStatementTimeout(Duration backfillStatementTimeout) {
            this.backfillStatementTimeout = backfillStatementTimeout;
            return this;
        }

        /**
         * {@code statement_timeout} of each catalog change (DDL that takes a strong lock and must
         * be quick): one that runs longer, because it scans or rewrites the table against the
         * plan, is stopped before the application notices. Steps that read the table under a weak
         * lock (a {@code VALIDATE}, a materialized view's refresh, the migration's own
         * {@code sql}) have none. Default 10 s.
         */
        public Builder ddlStatementTimeout(Duration ddlStatementTimeout) {
            this.ddlStatementTimeout = ddlStatementTimeout;
            return this;
        }

        /**
         * When another Tuesday holds the schema's lock: wait for it ({@code true}) or fail at once
         * with {@link LockHeldException} ({@code false}, the default).
         */
        public Builder waitForTuesdayLock(boolean wait) {
            this.waitForTuesdayLock = wait;
            return this;
        }

        /**
         * How long {@code complete} and {@code rollback} wait for the sessions still using the
         * version schema they drop to end, before they refuse with {@link VersionInUseException}:
         * an application stopped just before may still be closing its connections. Applications
         * announce their version schema in {@code application_name}, as
         * {@code dev.tuesday.health.VersionSchema#applicationName} writes it. Default 5 s.
         */
        public Builder versionInUseWait(Duration versionInUseWait) {
            this.versionInUseWait = versionInUseWait;
            return this;
        }

        /**
         * Lets {@code complete} and {@code rollback} drop a version schema that sessions still
         * use (they are named in the progress lines); those applications then fail. Default
         * {@code false}: refuse.
         */
        public Builder dropVersionInUse(boolean drop) {
            this.dropVersionInUse = drop;
            return this;
        }

        /** Receives progress lines. Default: none. */
        public Builder listener(Consumer<MigrationEvent> listener) {
            this.listener = listener;
            return this;
        }

        /** The clock for timestamps and deadlines. Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Checks the settings and builds the migrator. */
        public Migrator build() {
            require(dataSource != null, "dataSource", "is required");
            require(schema != null && !schema.isBlank(), "schema", "must not be empty");
            require(role == null || !role.isBlank(), "role", "must not be empty");
            require(stateSchema != null && !stateSchema.isBlank(), "stateSchema", "must not be empty");
            require(!stateSchema.equals(schema), "stateSchema", "must differ from schema \"" + schema + "\"");
            positive(lockTimeout, "lockTimeout");
            positive(lockRetryDeadline, "lockRetryDeadline");
            positive(backfillStatementTimeout, "backfillStatementTimeout");
            positive(ddlStatementTimeout, "ddlStatementTimeout");
            require(backfillDelay != null && !backfillDelay.isNegative(), "backfillDelay", "must be zero or more");
            require(versionInUseWait != null && !versionInUseWait.isNegative(), "versionInUseWait", "must be zero or more");
            require(maxLockAttempts >= 1, "maxLockAttempts", "must be at least 1, was " + maxLockAttempts);
            int batchSize = backfillBatchSize == null ? 1000 : backfillBatchSize;
            Duration batchTime = backfillBatchTime != null ? backfillBatchTime
                    : backfillBatchSize == null ? Duration.ofMillis(5) : Duration.ZERO;
            require(batchSize >= 1, "backfillBatchSize", "must be at least 1, was " + batchSize);
            require(!batchTime.isNegative(), "backfillBatchTime", "must be zero or more, was " + batchTime);
            require(listener != null, "listener", "must not be null");
            require(clock != null, "clock", "must not be null");
            return new Migrator(new Settings(dataSource, role, schema, stateSchema, lockTimeout, lockRetryDeadline,
                    maxLockAttempts, batchSize, batchTime, backfillDelay, backfillStatementTimeout, ddlStatementTimeout,
                    waitForTuesdayLock, versionInUseWait, dropVersionInUse, listener, clock));
        }

        private static void positive(Duration d, String setting) {
            require(d != null && !d.isNegative() && !d.isZero(), setting, "must be positive, was " + d);
        }

        private static void require(boolean ok, String setting, String problem) {
            if (!ok) {
                throw new IllegalArgumentException("migrator setting " + setting + " " + problem);
            }
        }
    }
}
