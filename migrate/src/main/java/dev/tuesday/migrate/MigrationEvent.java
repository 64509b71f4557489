package dev.tuesday.migrate;

import java.time.Instant;

/**
 * One progress line of the engine, for a terminal or a log: {@code 12:00:01 02_full_name: backfill
 * "users": 40000 rows}.
 *
 * @param time when it happened (from the migrator's clock)
 * @param migration the migration concerned, or null for engine-wide events
 * @param message one line
 * @param backfill for a backfill's progress (about once a second while it runs), its count; else null
 */
public record MigrationEvent(Instant time, String migration, String message, BackfillCount backfill) {

    /** A progress line that is not a backfill's count. */
    public MigrationEvent(Instant time, String migration, String message) {
        this(time, migration, message, null);
    }

    @Override
    public String toString() {
        return migration == null ? message : migration + ": " + message;
    }
}
