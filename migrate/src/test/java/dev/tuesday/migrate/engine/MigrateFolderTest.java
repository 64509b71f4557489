package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuesday.migrate.MigrationStatus;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import dev.tuesday.migrate.ValidationException;
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

        assertThat(m.migrate(dir)).containsExactly("01_create_users", "02_full_name");
        assertThat(m.migrate(dir)).isEmpty();
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
}
