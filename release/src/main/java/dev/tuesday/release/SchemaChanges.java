package dev.tuesday.release;

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
        return "start migration " + file.getFileName() + " (version schema " + schema + "_" + baseName(file) + ")";
    }

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
