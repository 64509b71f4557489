package dev.tuesday.cli;

import dev.tuesday.migrate.Migrator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/** The options every {@code tuesday migrate} subcommand shares; each can also come from the environment. */
final class MigrateOptions {

    @Option(names = "--role", defaultValue = "${env:TUESDAY_ROLE}",
            description = "Act as this role (SET ROLE; the login role must be a member): it owns what the migrations"
                    + " create (env TUESDAY_ROLE). Default: the login role.")
    String role;

    @Option(names = "--schema", defaultValue = "${env:TUESDAY_MIGRATE_SCHEMA:-public}",
            description = "Schema to migrate (env TUESDAY_MIGRATE_SCHEMA). Default: ${DEFAULT-VALUE}.")
    String schema;

    @Option(names = "--state-schema", defaultValue = "${env:TUESDAY_STATE_SCHEMA:-tuesday}",
            description = "Schema holding Tuesday's history and backfill progress (env TUESDAY_STATE_SCHEMA)."
                    + " Default: ${DEFAULT-VALUE}.")
    String stateSchema;

    @Option(names = "--lock-timeout", defaultValue = "${env:TUESDAY_LOCK_TIMEOUT:-2s}", converter = DurationConverter.class,
            description = "How long one DDL statement may wait for its lock before it backs off and retries"
                    + " (env TUESDAY_LOCK_TIMEOUT). Default: ${DEFAULT-VALUE}.")
    Duration lockTimeout;

    @Option(names = "--backfill-batch-size", defaultValue = "${env:TUESDAY_BACKFILL_BATCH_SIZE}",
            description = "Rows per backfill transaction, the same for every batch unless --backfill-batch-time is"
                    + " given too (env TUESDAY_BACKFILL_BATCH_SIZE). Default: batches start at 1000 rows and follow"
                    + " --backfill-batch-time.")
    Integer backfillBatchSize;

    @Option(names = "--backfill-batch-time", defaultValue = "${env:TUESDAY_BACKFILL_BATCH_TIME}",
            converter = DurationConverter.class,
            description = "The time each backfill batch aims at; batches grow or shrink to take about that long,"
                    + " 0 keeps their size (env TUESDAY_BACKFILL_BATCH_TIME). Default: 5ms, or 0 when"
                    + " --backfill-batch-size is given.")
    Duration backfillBatchTime;

    @Option(names = "--backfill-delay", defaultValue = "${env:TUESDAY_BACKFILL_DELAY:-0}", converter = DurationConverter.class,
            description = "Pause between backfill batches (env TUESDAY_BACKFILL_DELAY). Default: ${DEFAULT-VALUE}.")
    Duration backfillDelay;

    @Option(names = "--wait", description = "Wait for another Tuesday process migrating the same schema instead of failing.")
    boolean waitForLock;

    @Option(names = "--version-in-use-wait", defaultValue = "${env:TUESDAY_VERSION_IN_USE_WAIT:-5s}",
            converter = DurationConverter.class,
            description = "How long complete and rollback wait for the applications on the version schema they drop"
                    + " to disconnect before refusing (env TUESDAY_VERSION_IN_USE_WAIT). Default: ${DEFAULT-VALUE}.")
    Duration versionInUseWait;

    /** A migrator on {@code dataSource} with these settings; progress goes to {@code progress}. */
    Migrator migrator(DataSource dataSource, PrintWriter progress) {
        return migrator(dataSource, progress, builder -> { });
    }

    /** As {@link #migrator(DataSource, PrintWriter)}, with the settings of one command added by {@code command}. */
    Migrator migrator(DataSource dataSource, PrintWriter progress, Consumer<Migrator.Builder> command) {
        Migrator.Builder builder = Migrator.configure()
                .role(role)
                .versionInUseWait(versionInUseWait)
                .dataSource(dataSource)
                .schema(schema)
                .stateSchema(stateSchema)
                .lockTimeout(lockTimeout)
                .backfillDelay(backfillDelay)
                .waitForTuesdayLock(waitForLock)
                .listener(new ProgressDisplay(progress, picocli.CommandLine.Help.Ansi.AUTO.enabled()));
        if (backfillBatchSize != null) {
            builder.backfillBatchSize(backfillBatchSize);
        }
        if (backfillBatchTime != null) {
            builder.backfillBatchTime(backfillBatchTime);
        }
        command.accept(builder);
        return builder.build();
    }
}
