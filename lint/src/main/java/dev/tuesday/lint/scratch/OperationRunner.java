package dev.tuesday.lint.scratch;

import dev.tuesday.lint.LintException;
import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.Migrator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Runs Tuesday operation files on a scratch database through the migrate engine. */
public final class OperationRunner {

    private OperationRunner() {}

    /** A migrator on the scratch database's {@code schema}: nothing else runs there, so no waiting. */
    public static Migrator migrator(ScratchDatabase db, String schema) {
        return Migrator.configure().dataSource(db.dataSource()).schema(schema)
                .backfillDelay(Duration.ZERO).build();
    }

    /**
     * Starts and completes the migration in {@code file}.
     *
     * @throws LintException naming the file when the migration fails
     */
    public static void startAndComplete(ScratchDatabase db, Path file) {
        try {
            migrator(db, "public").start(file, true);
        } catch (MigrationException e) {
            throw new LintException(file + ": does not apply to the scratch schema: " + e.getMessage(), e);
        }
    }

    /** The version schema of the newest migration applied to {@code schema}, if any. */
    public static Optional<String> latestVersionSchema(ScratchDatabase db, String schema) {
        return migrator(db, schema).latestVersionSchema();
    }
}
