package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.BackfillCount;
import dev.tuesday.migrate.MigrationEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The engine's settings, validated by {@code Migrator.Builder#build()}. */
public record Settings(DataSource dataSource, String schema, String stateSchema, Duration lockTimeout,
        Duration lockRetryDeadline, int maxLockAttempts, int backfillBatchSize, Duration backfillBatchTime, Duration backfillDelay,
        Duration backfillStatementTimeout, Duration ddlStatementTimeout, boolean waitForTuesdayLock,
        Consumer<MigrationEvent> listener, Clock clock) {

    /** Reports one progress line to the listener. */
    public void report(String migration, String message) {
        listener.accept(new MigrationEvent(clock.instant(), migration, message));
    }

    /** Reports how far a backfill has come. */
    public void report(String migration, BackfillCount count) {
        listener.accept(new MigrationEvent(clock.instant(), migration, "backfill " + Sql.ident(count.table()) + ": "
                + count.rows() + (count.estimatedRows() > 0 ? " of ~" + count.estimatedRows() : "") + " rows", count));
    }
}
