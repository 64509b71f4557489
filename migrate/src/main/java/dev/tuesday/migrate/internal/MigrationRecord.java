package dev.tuesday.migrate.internal;

import java.time.Instant;

/** One row of the state table {@code migrations}. */
public record MigrationRecord(long id, String schema, String name, String parent, String checksum, String status,
        String phase, String versionSchema, String planJson, Instant startedAt, Instant completedAt) {

    /** Status of a migration between start and complete. */
    public static final String ACTIVE = "active";
    /** Status of a completed migration. */
    public static final String COMPLETE = "complete";
    /** Status of a migration that was rolled back. */
    public static final String ROLLED_BACK = "rolled_back";

    /** Phase while start's expand steps run. */
    public static final String EXPANDING = "expanding";
    /** Phase while the backfill runs. */
    public static final String BACKFILLING = "backfilling";
    /** Phase once start has finished. */
    public static final String STARTED = "started";
    /**
     * Phase once the contract has committed: only the new version is left; complete finishes the
     * steps after the contract and rollback is no longer possible.
     */
    public static final String CONTRACTED = "contracted";
    /** Phase of a completed or rolled back migration. */
    public static final String DONE = "done";
}
