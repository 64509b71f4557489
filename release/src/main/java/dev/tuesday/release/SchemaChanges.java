package dev.tuesday.release;

import dev.tuesday.migrate.MigrationException;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.release.plan.DatabaseSpec;
import dev.tuesday.release.plan.ReleasePlan;
import java.nio.file.Path;

/** The schema change a plan asks for. */
final class SchemaChanges {
    private SchemaChanges() {
    }

    static SchemaChange forPlan(ReleasePlan plan) {
        if (plan.migration().isEmpty()) {
            return SchemaChange.NONE;
        }
        return MigratorSchemaChange.of(plan.database().orElseThrow(), plan.migration().get());
    }

    /** One line about the migration, without touching the database. */
    static String describe(ReleasePlan plan) {
        if (plan.migration().isEmpty()) {
            return "no migration";
        }
        Path file = plan.migration().get();
        String schema = plan.database().map(DatabaseSpec::schema).orElse("public");
        try {
            return "start migration " + file.getFileName() + " (version schema "
                    + MigrationFile.read(file).versionSchemaIn(schema) + ")";
        } catch (MigrationException e) {
            return "start migration " + file.getFileName() + " (cannot be read: " + e.getMessage() + ")";
        }
    }
}
