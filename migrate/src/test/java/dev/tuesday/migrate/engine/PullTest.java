package dev.tuesday.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.migrate.Migrations;
import dev.tuesday.migrate.Migrator;
import dev.tuesday.migrate.OnOldestAndNewestPostgres;
import dev.tuesday.migrate.Pulled;
import dev.tuesday.migrate.TestDatabases;
import dev.tuesday.migrate.TestDatabases.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@code pull}: the files of applied migrations a folder lacks, written back byte for byte. */
class PullTest {

    @TempDir
    Path teammate;

    @TempDir
    Path mine;

    @OnOldestAndNewestPostgres
    void aTeammatesAppliedMigrationsArePulledByteForByteAndThenCountAsApplied(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        // Comments and layout are the teammate's own: the pulled file keeps them, so its checksum matches.
        Files.writeString(teammate.resolve("01_create_users.yaml"), """
                # the running example's table
                operations:
                  - create_table:
                      name: users
                      columns:
                        - {name: id, type: bigint, pk: true}
                        - {name: name, type: text, nullable: true}
                """);
        Files.writeString(teammate.resolve("02_full_name.json"), """
                {"operations": [{"rename_column": {"table": "users", "from": "name", "to": "full_name"}}]}
                """);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.migrate(teammate); // 02 stays active: an active migration is pulled too
        Files.copy(teammate.resolve("01_create_users.yaml"), mine.resolve("01_create_users.yaml"));

        // What a pull killed while writing leaves: a cut hidden file, never a cut migration file.
        Files.writeString(mine.resolve(".02_full_name.json.4242.tmp"), "{\"operations\": [");

        Pulled pulled = m.pull(mine);

        assertThat(pulled.written()).containsExactly(mine.resolve("02_full_name.json"));
        assertThat(pulled.withoutFile()).isEmpty();
        assertThat(Files.readAllBytes(mine.resolve("02_full_name.json")))
                .isEqualTo(Files.readAllBytes(teammate.resolve("02_full_name.json")));
        assertThat(m.pull(mine).written()).isEmpty();
        assertThat(m.migrate(mine)).as("the pulled files are the applied ones").isEmpty();
        assertThat(m.status().active()).map(a -> a.name()).contains("02_full_name");
    }

    @OnOldestAndNewestPostgres
    void aMigrationRecordedWithoutItsFileIsNamedNotInvented(int pg) throws Exception {
        Database db = TestDatabases.fresh(pg);
        Migrator m = Migrator.configure().dataSource(db.dataSource()).build();
        m.start(Migrations.createUsers(), true);
        db.exec("UPDATE tuesday.migrations SET file_name = NULL, file_text = NULL");

        Pulled pulled = m.pull(mine);

        assertThat(pulled.written()).isEmpty();
        assertThat(pulled.withoutFile()).containsExactly("01_create_users");
        try (var files = Files.list(mine)) {
            assertThat(files).isEmpty();
        }
    }
}
