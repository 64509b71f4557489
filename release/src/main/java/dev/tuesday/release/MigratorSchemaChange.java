package dev.tuesday.release;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.Migrator;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A release's migration file (pgroll format) run by Tuesday's {@link Migrator}: expand is
 * {@code start}, contract is {@code complete}, and the way back is {@code rollback}.
 */
public final class MigratorSchemaChange implements SchemaChange {
    private final Migrator migrator;
    private final Migration migration;
    private final Path file;
    private final String schema;

    private MigratorSchemaChange(Migrator migrator, Migration migration, Path file, String schema) {
        this.migrator = migrator;
        this.migration = migration;
        this.file = file;
        this.schema = schema;
    }

    /**
     * The migration in {@code file} on {@code database}.
     *
     * @throws dev.tuesday.migrate.MigrationException naming the file when it cannot be read
     */
    public static MigratorSchemaChange of(DatabaseSpec database, Path file) {
        return of(dataSource(database), database.schema(), file);
    }

    /** The migration in {@code file} on {@code schema} of the database behind {@code dataSource}. */
    public static MigratorSchemaChange of(DataSource dataSource, String schema, Path file) {
        Objects.requireNonNull(dataSource, "dataSource");
        Migrator migrator = Migrator.configure().dataSource(dataSource).schema(schema).load();
        return new MigratorSchemaChange(migrator, MigrationFile.read(file), file, schema);
    }

    /** A data source for the plan's database. */
    static DataSource dataSource(DatabaseSpec database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(database.url());
        database.user().ifPresent(ds::setUser);
        database.password().ifPresent(ds::setPassword);
        return ds;
    }

    @Override
    public String describe() {
        return "migration " + file.getFileName() + " (version schema " + newVersionSchema() + ")";
    }

    @Override
    public String newVersionSchema() {
        return migration.versionSchemaIn(schema);
    }

    @Override
    public void expand() {
        migrator.start(migration);
    }

    @Override
    public void contract() {
        migrator.complete();
    }

    @Override
    public void rollback() {
        migrator.rollback();
    }
}
