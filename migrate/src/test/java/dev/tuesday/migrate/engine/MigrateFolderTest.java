package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.health.VersionSchema;
import dev.tuesday.migrate.FolderRun;
import dev.tuesday.migrate.MigrationStateException;
import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.migrate.ValidationException;
import dev.tuesday.migrate.VersionInUseException;
import dev.tuesday.testsupport.RunningExampleFiles;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class MigrateFolderTest {

    @TempDir
    Path dir;

    private void write(String name, String yaml) throws Exception {
        Files.writeString(dir.resolve(name), yaml);
    }

    @OnOldestAndNewestPostgres
    void migrateAppliesPendingFilesInOrderAndASecondRunAppliesNothing(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        write("02_full_name.yaml", """
                operations:
                  - rename_column: {table: users, from: name, to: full_name}
                """);
        write("01_create_users.yaml", """
                operations:
                  - create_table:
                      name: users
                      columns:
                        - {name: id, type: bigint, pk: true, generated: {identity: {user_specified_values: ALWAYS}}}
                        - {name: name, type: text, nullable: true}
                """);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        assertThat(m.status().history()).isEmpty();
        assertThat(m.latestVersionSchema()).isEmpty();
        assertThat(m.validate(dir)).containsExactly("01_create_users", "02_full_name");

        assertThat(m.migrate(dir, FolderRun.COMPLETE_ALL)).containsExactly("01_create_users", "02_full_name");
        assertThat(m.migrate(dir, FolderRun.COMPLETE_ALL)).isEmpty();
        assertThat(m.latestVersionSchema()).contains("public_02_full_name");
        assertThat(m.status().history()).extracting(MigrationStatus.Entry::name, MigrationStatus.Entry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("01_create_users", "complete"),
                        org.assertj.core.groups.Tuple.tuple("02_full_name", "complete"));
        assertThat(db.columns("public", "users")).containsExactly("id", "full_name");
        assertThat(db.columns("public_02_full_name", "users")).containsExactly("id", "full_name");
    }

    @OnOldestAndNewestPostgres
    void aMigrationThatDoesNotFitTheSchemaIsRejectedBeforeAnyChange(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(dev.tuesday.migrate.Migrations.createUsers(), true);
        List<String> before = db.catalog("public");
        write("03_bad.yaml", """
                operations:
                  - add_column:
                      table: users
                      up: name
                      column: {name: nickname, type: text, nullable: true}
                  - alter_column: {table: users, column: nmae, nullable: false, up: "coalesce(name, '')"}
                """);
        assertThatThrownBy(() -> m.start(dir.resolve("03_bad.yaml"))).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("03_bad.yaml: operations[1].alter_column:").hasMessageContaining("nmae");
        assertThatThrownBy(() -> m.validate(dir)).isInstanceOf(ValidationException.class);
        assertThat(db.catalog("public")).isEqualTo(before);
        assertThat(m.status().active()).isEmpty();
    }

    private List<org.assertj.core.groups.Tuple> history(Migrator m) {
        return m.status().history().stream()
                .map(e -> org.assertj.core.groups.Tuple.tuple(e.name(), e.status())).toList();
    }

    /** As pgroll's migrate: each deploy completes the previous deploy's migration and leaves its own active. */
    @OnOldestAndNewestPostgres
    void aDeployLeavesItsLastMigrationActiveAndTheNextDeployCompletesIt(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        RunningExampleFiles.writeBoth(dir);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).versionInUseWait(java.time.Duration.ZERO).build();

        assertThat(m.migrate(dir)).containsExactly("01_create_users", "02_full_name");
        assertThat(history(m)).containsExactly(org.assertj.core.groups.Tuple.tuple("01_create_users", "complete"),
                org.assertj.core.groups.Tuple.tuple("02_full_name", "active"));
        db.exec("INSERT INTO public_01_create_users.users (name) VALUES ('Ada')"); // v1 still has its shape
        assertThat(m.migrate(dir)).as("nothing new: the active one stays").isEmpty();

        write("03_email.yaml", """
                operations:
                  - add_column: {table: users, column: {name: email, type: text, nullable: true}}
                """);
        assertThat(m.migrate(dir)).containsExactly("02_full_name", "03_email");
        assertThat(history(m)).containsExactly(org.assertj.core.groups.Tuple.tuple("01_create_users", "complete"),
                org.assertj.core.groups.Tuple.tuple("02_full_name", "complete"),
                org.assertj.core.groups.Tuple.tuple("03_email", "active"));
        assertThat(db.value("SELECT full_name FROM public_02_full_name.users")).isEqualTo("Ada");

        assertThat(m.migrate(dir, FolderRun.COMPLETE_ALL)).containsExactly("03_email");
        assertThat(m.status().active()).isEmpty();
    }

    @OnOldestAndNewestPostgres
    void expectOneRefusesAnyOtherCountBeforeAnyChange(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        RunningExampleFiles.writeBoth(dir);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        FolderRun one = new FolderRun(false, true);

        assertThatThrownBy(() -> m.migrate(dir, one)).isInstanceOf(MigrationStateException.class)
                .hasMessage("expected one pending migration, found 2: 01_create_users, 02_full_name; nothing was changed");
        assertThat(m.status().history()).isEmpty();
        Files.delete(dir.resolve("02_full_name.yaml"));
        assertThat(m.migrate(dir, one)).containsExactly("01_create_users");
        assertThatThrownBy(() -> m.migrate(dir, one)).hasMessageStartingWith("expected one pending migration, found 0");
    }

    /** Completing the previous deploy's migration would drop the schema of the version still serving: refused first. */
    @OnOldestAndNewestPostgres
    void aDeployThatWouldDropTheSchemaOfARunningVersionChangesNothing(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        RunningExampleFiles.writeBoth(dir);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).versionInUseWait(java.time.Duration.ZERO).build();
        m.migrate(dir);
        write("03_email.yaml", """
                operations:
                  - add_column: {table: users, column: {name: email, type: text, nullable: true}}
                """);
        write("04_nickname.yaml", """
                operations:
                  - add_column: {table: users, column: {name: nickname, type: text, nullable: true}}
                """);
        // v2 runs on public_02_full_name: 03 would be completed on the way to 04, dropping it.
        try (Connection v2 = db.dataSource("public_02_full_name").getConnection()) {
            v2.createStatement().execute("SET application_name = '" + VersionSchema.applicationName("public_02_full_name", "v2") + "'");
            List<String> before = db.catalog("public");
            assertThatThrownBy(() -> m.migrate(dir)).isInstanceOf(VersionInUseException.class)
                    .hasMessageContaining("migrate would drop version schemas \"public_01_create_users\", \"public_02_full_name\"");
            assertThat(db.catalog("public")).isEqualTo(before);
            assertThat(m.status().active()).map(a -> a.name()).contains("02_full_name");
        }
    }

    @OnOldestAndNewestPostgres
    void anActiveMigrationWithoutItsFileIsNamedAndNothingChanges(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        RunningExampleFiles.writeBoth(dir);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.migrate(dir);
        Files.delete(dir.resolve("02_full_name.yaml"));
        assertThatThrownBy(() -> m.migrate(dir)).isInstanceOf(MigrationStateException.class)
                .hasMessageContaining("migration \"02_full_name\" is active on schema \"public\" but has no file in the folder");
    }
}
