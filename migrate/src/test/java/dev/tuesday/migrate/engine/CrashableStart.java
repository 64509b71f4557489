package dev.tuesday.migrate.engine;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;

/**
 * A separate process that starts {@link #migration()} and prints its progress: the crash test
 * kills it with {@code kill -9} in the middle of the backfill.
 * Arguments: port, database, user, and {@code sized-by-time} for batches that follow the batch
 * time instead of a fixed 1000 rows.
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
        Migrator.Builder builder = Migrator.configure().dataSource(KillableMigrator.dataSource(args))
                .listener(e -> System.out.println(e));
        if (args.length < 4 || !args[3].equals("sized-by-time")) {
            builder.backfillBatchSize(1000);
        }
        builder.build().start(migration());
    }
}
