package dev.tuesday.release;

import static dev.tuesday.release.UsersRelease.MIGRATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.release.instance.ProcessIdentity;
import dev.tuesday.release.plan.ReleasePlan;
import dev.tuesday.testsupport.TemporaryPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Contract and rollback act on the plan's migration by name, never on whatever migration is active. */
class MigrationByNameTest {
    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    @TempDir
    Path dir;

    /** A database where 01 is complete and 02_full_name is active, and a plan whose migration is 03_email_note. */
    private DataSource databaseWithAnotherActiveMigration(String name) throws Exception {
        DataSource database = postgres.server().createDatabase(name, "app");
        Migrator migrator = Migrator.configure().dataSource(database).build();
        migrator.start(MIGRATIONS.resolve("01_create_users.yaml"), true);
        migrator.start(MIGRATIONS.resolve("02_full_name.yaml"));
        Files.writeString(dir.resolve("03_email_note.yaml"), """
                operations:
                  - add_column:
                      table: users
                      column: { name: email_note, type: text, nullable: true }
                """);
        return database;
    }

    private static String active(DataSource database) {
        return Migrator.configure().dataSource(database).build().status().active().map(MigrationStatus.Active::name).orElse("");
    }

    @Test
    void rollbackLeavesAnotherActiveMigrationAlone() throws Exception {
        DataSource database = databaseWithAnotherActiveMigration("byname_rollback");
        SchemaChange plans = MigratorSchemaChange.of(database, "public", dir.resolve("03_email_note.yaml"));

        assertThatThrownBy(plans::rollback).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("the active migration of schema public is 02_full_name, not the plan's 03_email_note");
        assertThat(active(database)).isEqualTo("02_full_name");
    }

    @Test
    void contractRefusesToCompleteAnotherActiveMigration() throws Exception {
        DataSource database = databaseWithAnotherActiveMigration("byname_contract");
        Path stateDir = dir.resolve(".tuesday");
        ProcessIdentity self = ProcessIdentity.current();
        new StateFile(stateDir).write(new ReleaseState("v1 to v2", "", "rolling", Phase.CONTRACT_PENDING, "v1", "v2", 1, 1,
                List.of(), "released; contract pending", self.pid(), "2026-01-01T00:00:00Z", self.startedAt().toString(),
                self.startTicks()));
        ReleasePlan plan = Plans.fake(dir, 1, "{ rolling: {} }", "");

        assertThatThrownBy(() -> Release.contract(plan, stateDir, MigratorSchemaChange.of(database, "public",
                dir.resolve("03_email_note.yaml")))).isInstanceOf(ReleaseException.class)
                .hasMessageContaining("is 02_full_name, not the plan's 03_email_note");
        assertThat(active(database)).isEqualTo("02_full_name");
        assertThat(Release.status(stateDir).orElseThrow().phase()).isEqualTo(Phase.CONTRACT_PENDING);
    }

    @Test
    void thePlansOwnMigrationCompletesOnceAndAgainIsNothingToDo() throws Exception {
        DataSource database = databaseWithAnotherActiveMigration("byname_own");
        SchemaChange own = MigratorSchemaChange.of(database, "public", MIGRATIONS.resolve("02_full_name.yaml"));

        own.contract();
        own.contract(); // a contract that died after its last step, run again
        own.rollback(); // not active any more: nothing to roll back

        assertThat(active(database)).isEmpty();
        assertThat(Migrator.configure().dataSource(database).build().status().history())
                .filteredOn(e -> e.name().equals("02_full_name")).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("complete"));
    }
}
