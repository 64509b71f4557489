package dev.tuesday.release;

import java.nio.file.Path;

/** The plan's migration file, run by Tuesday's migrator. */
public final class MigratorSchemaChange implements SchemaChange {
    private final DatabaseSpec database;
    private final Path file;

    private MigratorSchemaChange(DatabaseSpec database, Path file) {
        this.database = database;
        this.file = file;
    }

    /** The migration in {@code file} on {@code database}. */
    public static MigratorSchemaChange of(DatabaseSpec database, Path file) {
        return new MigratorSchemaChange(database, file);
    }

    @Override
    public String describe() {
        return "migration " + file.getFileName();
    }

    @Override
    public String newVersionSchema() {
        return database.schema() + "_" + SchemaChanges.baseName(file);
    }

    @Override
    public void expand() {
        throw new ReleaseException("the migrator is not available yet");
    }

    @Override
    public void contract() {
        throw new ReleaseException("the migrator is not available yet");
    }

    @Override
    public void rollback() {
        throw new ReleaseException("the migrator is not available yet");
    }
}
