package dev.tuesday.release;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.MigrationFile;
import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.release.plan.DatabaseSpec;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A release's migration file (pgroll format) run by Tuesday's {@link Migrator}: expand is
 * {@code start}, contract is {@code complete}, and the way back is {@code rollback}.
 *
 * <p>Contract and rollback act on this migration by its name, never on whatever migration
 * happens to be active: another one active is refused, this one already completed (a contract
 * that died after its last step) or not active (an expand that never began, a rollback done
 * already) is nothing to do. That makes both safe to run again.
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
        Migrator migrator = Migrator.configure().dataSource(dataSource).schema(schema).build();
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
        MigrationStatus status = migrator.status();
        if (isActive(status)) {
            migrator.complete();
            return;
        }
        refuseOther(status, "complete");
        boolean completed = status.history().stream()
                .anyMatch(e -> e.name().equals(migration.name()) && e.status().equals("complete"));
        if (!completed) {
            throw new ReleaseException("migration " + migration.name() + " is not active in schema " + schema
                    + ": nothing to complete; start it with a release first");
        }
    }

    @Override
    public void rollback() {
        MigrationStatus status = migrator.status();
        if (isActive(status)) {
            migrator.rollback();
            return;
        }
        refuseOther(status, "roll back");
    }

    private boolean isActive(MigrationStatus status) {
        return status.active().filter(active -> active.name().equals(migration.name())).isPresent();
    }

    private void refuseOther(MigrationStatus status, String verb) {
        status.active().ifPresent(active -> {
            throw new ReleaseException("the active migration of schema " + schema + " is " + active.name() + ", not the plan's "
                    + migration.name() + ": a release will not " + verb + " it; finish it with `tuesday migrate` first");
        });
    }
}
