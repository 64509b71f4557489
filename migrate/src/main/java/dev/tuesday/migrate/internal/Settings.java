package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.BackfillCount;
import dev.tuesday.migrate.MigrationEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The engine's settings, validated by {@code Migrator.Builder#build()}. */
public record Settings(DataSource dataSource, String role, String schema, String stateSchema, Duration lockTimeout,
        Duration lockRetryDeadline, int maxLockAttempts, int backfillBatchSize, Duration backfillBatchTime, Duration backfillDelay,
        Duration backfillStatementTimeout, Duration ddlStatementTimeout, boolean waitForTuesdayLock,
        Duration versionInUseWait, boolean dropVersionInUse, Consumer<MigrationEvent> listener, Clock clock) {

    /**
     * A connection of the data source, acting as {@link #role()} when one is set ({@code SET ROLE}):
     * what the migration creates is then owned by that role, whoever logged in.
     */
    public Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        if (role != null) {
            try (Statement s = c.createStatement()) {
                s.execute("SET ROLE " + Sql.ident(role));
            } catch (SQLException e) {
                c.close();
                throw new SQLException("cannot act as role " + Sql.ident(role) + " (--role): " + Executor.firstLine(e)
                        + "; the login role must be a member of it", e.getSQLState(), e);
            }
        }
        return c;
    }

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
