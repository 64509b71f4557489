package dev.tuesday.migrate.engine;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;

/**
 * A separate process that starts {@link #migration()} and prints its progress: the crash test
 * kills it with {@code kill -9} in the middle of the backfill.
 * Arguments: port, database, user.
 */
public final class CrashableStart {

    private CrashableStart() {
    }

    /** The migration the crash test runs: a column filled from {@code name} on every row. */
    static Migration migration() {
        return Migrations.addTextColumn("02_add_label", "label", "'x' || name");
    }

    /** Starts the migration on 127.0.0.1:{@code args[0]}, database {@code args[1]}, as {@code args[2]}. */
    public static void main(String[] args) {
        Migrator.configure().dataSource(KillableMigrator.dataSource(args)).backfillBatchSize(1000).listener(e -> System.out.println(e)).build()
                .start(migration());
    }
}
