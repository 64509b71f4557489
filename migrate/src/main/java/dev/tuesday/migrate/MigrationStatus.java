package dev.tuesday.migrate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a schema stands: the active migrations (started, not yet completed or rolled back), if
 * any, and every migration applied so far, oldest first.
 *
 * @param schema the migrated schema
 * @param active the active migration, if one is
 * @param history every migration recorded for the schema, oldest first (rolled back ones included)
 * @param chain the active migrations, oldest first: each was started on the one before it, complete
 *        contracts the first, rollback undoes the last; {@code active} is the last
 */
public record MigrationStatus(String schema, Optional<Active> active, List<Entry> history, List<Active> chain) {

    public MigrationStatus {
        history = List.copyOf(history);
        chain = List.copyOf(chain);
    }

    /** A status with at most one active migration, the chain being that one. */
    public MigrationStatus(String schema, Optional<Active> active, List<Entry> history) {
        this(schema, active, history, active.map(List::of).orElse(List.of()));
    }

    /**
     * The migration between start and complete.
     *
     * @param name migration name
     * @param phase {@code expanding}, {@code backfilling} or {@code started} (ready to complete)
     * @param versionSchema the version schema it created
     * @param startedAt when start began
     * @param backfills progress per table (empty when nothing needs a backfill)
     */
    public record Active(String name, String phase, String versionSchema, Instant startedAt,
            List<Backfill> backfills) {
        public Active {
            backfills = List.copyOf(backfills);
        }
    }

    /**
     * Backfill progress of one table.
     *
     * @param table the physical table
     * @param batches batches committed
     * @param rows rows updated so far
     * @param estimatedRows the table's row estimate when the backfill began (from statistics)
     * @param done whether every row is filled
     */
    public record Backfill(String table, long batches, long rows, long estimatedRows, boolean done) {
    }

    /**
     * One migration of the history.
     *
     * @param name migration name
     * @param status {@code active}, {@code complete} or {@code rolled_back}
     * @param versionSchema its version schema
     * @param checksum SHA-256 of the file when it was started
     * @param startedAt when start began
     * @param completedAt when it was completed or rolled back, or null
     */
    public record Entry(String name, String status, String versionSchema, String checksum, Instant startedAt,
            Instant completedAt) {
    }
}
